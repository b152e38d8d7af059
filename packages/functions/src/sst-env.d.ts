import "sst/node/config";

declare module "sst/node/config" {
  export interface SecretResources {
    SESSION_SECRET: { value: string };
  }
}
