namespace AspNetFtp.Webhooks;

/// <summary>One event on its way to one hook: the id every retry carries, the kind and the signed body.</summary>
internal sealed record WebhookDelivery(Guid Id, string Kind, byte[] Body);
