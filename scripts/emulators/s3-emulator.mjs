// S3 emulator for the AspNetFtp tests: fauxqs's S3 routes, listening on loopback only.
// Usage: node s3-emulator.mjs PORT [BODY_LIMIT_MIB]
// Started by scripts/emulators.sh (start_s3_emulator); docs/storage-emulators.md says what it gets
// right and wrong. Three changes to the stock fauxqs server, each making it closer to S3:
//  1. It listens on 127.0.0.1 (the fauxqs CLI always binds 0.0.0.0).
//  2. Every request body is taken as raw bytes. fauxqs parses 'application/x-amz-json-1.0' as JSON
//     for SQS, and AWSSDK.S3 4.1 sends that content type with the empty body of UploadPartCopy,
//     which then failed with HTTP 500. SQS and SNS are not served by this launcher.
//  3. ListParts and ListMultipartUploads, which fauxqs does not implement, answer 501
//     NotImplemented. Without this, ListParts fell through to GetObject (NoSuchKey, or the
//     object's bytes when the key existed) and ListMultipartUploads to an empty ListObjects.
// The request body limit (fauxqs: 11 MiB) is raised to BODY_LIMIT_MIB (default 64) so that a
// PutObject or UploadPart larger than 11 MiB is stored instead of being cut off.
import { buildApp } from "fauxqs";

const port = Number.parseInt(process.argv[2] ?? "", 10);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error("usage: node s3-emulator.mjs PORT [BODY_LIMIT_MIB]");
    process.exit(2);
}
const bodyLimitMiB = Number.parseInt(process.argv[3] ?? "64", 10);

const app = buildApp({ logger: false });

app.removeAllContentTypeParsers();
app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: bodyLimitMiB * 1024 * 1024 }, (_request, body, done) => {
    done(null, body);
});

function notImplemented(reply, what) {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NotImplemented</Code>'
        + `<Message>${what} is not implemented by this emulator</Message></Error>`;
    return reply.code(501).header("content-type", "application/xml").send(xml);
}

app.addHook("onRequest", async (request, reply) => {
    if (request.method !== "GET") {
        return;
    }
    const url = new URL(request.url, "http://emulator");
    const segments = url.pathname.split("/").filter((s) => s.length > 0);
    if (segments.length === 1 && url.searchParams.has("uploads")) {
        return notImplemented(reply, "ListMultipartUploads");
    }
    if (segments.length > 1 && url.searchParams.has("uploadId")) {
        return notImplemented(reply, "ListParts");
    }
});

await app.listen({ host: "127.0.0.1", port });
console.log(`S3 emulator (fauxqs) listening on http://127.0.0.1:${port}`);

for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
        app.close().finally(() => process.exit(0));
    });
}
