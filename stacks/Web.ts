import { Duration, Fn, RemovalPolicy } from "aws-cdk-lib";
import {
  AllowedMethods,
  CachePolicy,
  Function as CfFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin, S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { AwsCustomResource, AwsCustomResourcePolicy, Logging, PhysicalResourceId } from "aws-cdk-lib/custom-resources";
import { StaticSite, use, type StackContext } from "sst/constructs";
import { ORIGIN_HEADER } from "../packages/functions/src/origin";
import { Api } from "./Api";
import { accept, acceptStackHandlers, DEPLOY_TIME_HANDLER } from "./nag";


/** The app's Content-Security-Policy (secureHeaders in packages/functions/src/app.ts); a test checks they are equal. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * SPA routing on the web's default behaviour: a path without a file extension
 * (a client-side route such as /states/KZ) is served /index.html; files are
 * served as they are. Nothing else is rewritten, so /api/* errors reach the
 * browser unchanged (no distribution-wide error pages).
 */
const SPA_ROUTING = `function handler(event) {
  var request = event.request;
  var last = request.uri.split("/").pop();
  if (last.indexOf(".") === -1) request.uri = "/index.html";
  return request;
}`;

/**
 * The web app on S3 + CloudFront, with /api/* routed through the same
 * distribution to the API: one origin for the browser, so the session cookie
 * stays SameSite=Strict and the CSRF origin check holds.
 */
export function Web({ stack, app }: StackContext) {
  const { api, originSecret } = use(Api);
  // CloudFront does not pass the viewer's Host to the API; this tells the API which origin the browser used.
  const forwardHost = new CfFunction(stack, "ForwardHost", {
    runtime: FunctionRuntime.JS_2_0,
    code: FunctionCode.fromInline(
      "function handler(event){var r=event.request;r.headers['x-forwarded-host']={value:r.headers.host.value};return r;}",
    ),
  });
  const spaRouting = new CfFunction(stack, "SpaRouting", { runtime: FunctionRuntime.JS_2_0, code: FunctionCode.fromInline(SPA_ROUTING) });

  const headers = new ResponseHeadersPolicy(stack, "WebHeaders", {
    comment: "The app's CSP, HSTS, nosniff, no framing, referrer policy",
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.seconds(63072000), includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
    },
  });

  // The origin secret is an SST Config.Secret (SSM SecureString, `npx sst secrets set ORIGIN_SECRET ...`).
  // CloudFront needs its value at deploy time and CloudFormation cannot resolve SecureStrings for
  // CloudFront, so a deploy-time SDK call reads it (its answer is kept out of the logs), on every deploy.
  const parameterName = `/sst/${app.name}/${app.stage}/Secret/${originSecret.name}/value`;
  const readSecret = new AwsCustomResource(stack, "OriginSecretValue", {
    onUpdate: {
      service: "SSM",
      action: "getParameter",
      parameters: { Name: parameterName, WithDecryption: true },
      physicalResourceId: PhysicalResourceId.of(`${parameterName}@${deployNonce()}`),
      outputPaths: ["Parameter.Value"],
      logging: Logging.withDataHidden(),
    },
    policy: AwsCustomResourcePolicy.fromSdkCalls({
      resources: [`arn:${stack.partition}:ssm:${stack.region}:${stack.account}:parameter${parameterName}`],
    }),
    installLatestAwsSdk: false,
  });

  // Access logs (CloudFront's and the web bucket's) on prod only, kept 90 days.
  const logBucket =
    app.stage === "prod"
      ? new Bucket(stack, "AccessLogs", {
          encryption: BucketEncryption.S3_MANAGED,
          blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
          // CloudFront standard logs are written with an ACL.
          objectOwnership: ObjectOwnership.OBJECT_WRITER,
          enforceSSL: true,
          lifecycleRules: [{ expiration: Duration.days(90) }],
          removalPolicy: RemovalPolicy.RETAIN,
        })
      : undefined;
  accept(logBucket, [{ id: "AwsSolutions-S1", reason: "This is the access-log bucket; logging its own access into itself would loop." }]);

  // The web's files, private, read by CloudFront through an origin access control, over TLS only.
  const bucket = new Bucket(stack, "WebBucket", {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    ...(logBucket ? { serverAccessLogsBucket: logBucket, serverAccessLogsPrefix: "s3-web/" } : {}),
    // Rebuilt from the source on every deploy: nothing to keep.
    removalPolicy: RemovalPolicy.DESTROY,
    autoDeleteObjects: true,
  });

  const site = new StaticSite(stack, "Web", {
    path: "packages/web",
    buildCommand: "npm run build",
    buildOutput: "dist",
    cdk: {
      bucket,
      distribution: {
        // No distribution-wide error pages: they would turn API 403/404 into 200 /index.html.
        errorResponses: [],
        ...(logBucket ? { enableLogging: true, logBucket, logFilePrefix: "cloudfront/" } : {}),
        defaultBehavior: {
          origin: S3BucketOrigin.withOriginAccessControl(bucket),
          functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
          responseHeadersPolicy: headers,
        },
        additionalBehaviors: {
          "/api/*": {
            origin: new HttpOrigin(Fn.select(2, Fn.split("/", api.url)), {
              protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
              readTimeout: Duration.seconds(30),
              customHeaders: { [ORIGIN_HEADER]: readSecret.getResponseField("Parameter.Value") },
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
  // StaticSite makes its own viewer-request function (".html" suffixes), replaced above: not deployed.
  site.node.tryRemoveChild("CloudFrontFunction");

  acceptStackHandlers(stack);
  // The Lambda behind AwsCustomResource (the deploy-time read of the origin secret), a singleton at the stack's root.
  accept(stack.node.tryFindChild("AWS679f53fac002430cb0da5b7982bd2287"), DEPLOY_TIME_HANDLER);
  accept(site.cdk?.distribution, [
    {
      id: "AwsSolutions-CFR4",
      reason: "The distribution uses CloudFront's default *.cloudfront.net certificate, whose minimum TLS version cannot be raised; with a custom domain, set minimumProtocolVersion TLSv1.2_2021.",
    },
    ...(logBucket
      ? []
      : [{ id: "AwsSolutions-CFR3", reason: "Access logs are kept on the prod stage only; other stages are short-lived test stacks." }]),
  ]);
  if (!logBucket) {
    accept(bucket, [{ id: "AwsSolutions-S1", reason: "Access logs are kept on the prod stage only; other stages are short-lived test stacks." }]);
  }
  stack.addOutputs({ SiteUrl: site.url });
  return { site };
}

/** Changes on every synthesis, so the deploy-time read of the origin secret runs on every deploy. */
function deployNonce() {
  return new Date().toISOString();
}
