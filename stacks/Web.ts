import { Duration, Fn } from "aws-cdk-lib";
import {
  AllowedMethods,
  CachePolicy,
  Function as CfFunction,
  FunctionCode,
  FunctionEventType,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { StaticSite, use, type StackContext } from "sst/constructs";
import { Api } from "./Api";

/**
 * The web app on S3 + CloudFront, with /api/* routed through the same
 * distribution to the API: one origin for the browser, so the session cookie
 * stays SameSite=Strict and the CSRF origin check holds.
 */
export function Web({ stack }: StackContext) {
  const { api } = use(Api);
  // CloudFront does not pass the viewer's Host to the API; this tells the API which origin the browser used.
  const forwardHost = new CfFunction(stack, "ForwardHost", {
    code: FunctionCode.fromInline(
      "function handler(event){var r=event.request;r.headers['x-forwarded-host']={value:r.headers.host.value};return r;}",
    ),
  });
  const site = new StaticSite(stack, "Web", {
    path: "packages/web",
    buildCommand: "npm run build",
    buildOutput: "dist",
    errorPage: "redirect_to_index_page",
    cdk: {
      distribution: {
        additionalBehaviors: {
          "/api/*": {
            origin: new HttpOrigin(Fn.select(2, Fn.split("/", api.url)), {
              protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
              readTimeout: Duration.seconds(30),
            }),
            viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            allowedMethods: AllowedMethods.ALLOW_ALL,
            cachePolicy: CachePolicy.CACHING_DISABLED,
            originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            functionAssociations: [{ function: forwardHost, eventType: FunctionEventType.VIEWER_REQUEST }],
          },
        },
      },
    },
  });
  stack.addOutputs({ SiteUrl: site.url });
  return { site };
}
