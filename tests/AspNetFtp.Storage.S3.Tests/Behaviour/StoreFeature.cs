namespace AspNetFtp.Storage.S3.Tests.Behaviour;

/// <summary>S3 operations an emulator may lack (the strict fake has them all).</summary>
[Flags]
public enum StoreFeature
{
    None = 0,
    CopyObject = 1,
    UploadPartCopy = 2,
    AbortMultipartUpload = 4,
    ListMultipartUploads = 8,
}
