// S3 emulator for the AspNetFtp tests: fauxqs's S3 routes, listening on loopback only.
// Usage: node s3-emulator.mjs PORT [BODY_LIMIT_MIB]
// Started by scripts/emulators.sh (start_s3_emulator); docs/storage-emulators.md says what it gets
// right and wrong. Three changes to the stock fauxqs server, each making it closer to S3:
//  1. It listens on 127.0.0.1 (the fauxqs CLI always binds 0.0.0.0).
//  2. Every request body is taken as raw bytes. fauxqs parses 'application/x-amz-json-1.0' as JSON
//     for SQS, and AWSSDK.S3 4.1 sends that content type with the empty body of UploadPartCopy,
//     which then failed with HTTP 500. SQS and SNS are not served by this launcher.
//  3. ListMultipartUploads, which fauxqs does not implement, is answered from the uploads this
//     launcher saw created and not yet completed or aborted (so a test can prove that an aborted
//     upload left none behind); ListParts answers 501 NotImplemented. Without this, ListParts fell
//     through to GetObject (NoSuchKey, or the object's bytes when the key existed) and
//     ListMultipartUploads to an empty ListObjects.
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

// The multipart uploads in progress: upload id -> { bucket, key, initiated }.
const uploads = new Map();

function parse(request) {
    const url = new URL(request.url, "http://emulator");
    const segments = url.pathname.split("/").filter((s) => s.length > 0).map((s) => decodeURIComponent(s));
    return { url, bucket: segments[0], key: segments.slice(1).join("/"), depth: segments.length };
}

function xmlText(value) {
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function listUploads(reply, bucket, prefix) {
    const rows = [...uploads.entries()]
        .filter(([, u]) => u.bucket === bucket && u.key.startsWith(prefix))
        .sort(([, a], [, b]) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .map(([id, u]) => `<Upload><Key>${xmlText(u.key)}</Key><UploadId>${xmlText(id)}</UploadId>`
            + `<Initiated>${u.initiated.toISOString()}</Initiated><StorageClass>STANDARD</StorageClass></Upload>`);
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n'
        + '<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
        + `<Bucket>${xmlText(bucket)}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker>`
        + `<Prefix>${xmlText(prefix)}</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>`
        + rows.join("") + "</ListMultipartUploadsResult>";
    return reply.code(200).header("content-type", "application/xml").send(xml);
}

app.addHook("onRequest", async (request, reply) => {
    if (request.method !== "GET") {
        return;
    }
    const { url, bucket, depth } = parse(request);
    if (depth === 1 && url.searchParams.has("uploads")) {
        return listUploads(reply, bucket, url.searchParams.get("prefix") ?? "");
    }
    if (depth > 1 && url.searchParams.has("uploadId")) {
        return notImplemented(reply, "ListParts");
    }
});

// Follows each upload's life from the answers fauxqs gave: created (its id in the reply), then
// completed (200) or aborted (2xx). A failed complete leaves the upload open, as on S3.
app.addHook("onSend", async (request, reply, payload) => {
    const { url, bucket, key, depth } = parse(request);
    if (depth < 2 || reply.statusCode >= 300) {
        return payload;
    }
    if (request.method === "POST" && url.searchParams.has("uploads")) {
        const text = typeof payload === "string" ? payload : Buffer.isBuffer(payload) ? payload.toString("utf8") : "";
        const match = /<UploadId>([^<]+)<\/UploadId>/.exec(text);
        if (match) {
            uploads.set(match[1], { bucket, key, initiated: new Date() });
        }
    } else if ((request.method === "POST" || request.method === "DELETE") && url.searchParams.has("uploadId")) {
        uploads.delete(url.searchParams.get("uploadId"));
    }
    return payload;
});

await app.listen({ host: "127.0.0.1", port });
console.log(`S3 emulator (fauxqs) listening on http://127.0.0.1:${port}`);

for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
        app.close().finally(() => process.exit(0));
    });
}
