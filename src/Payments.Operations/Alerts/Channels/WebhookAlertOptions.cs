using System.ComponentModel.DataAnnotations;

namespace Payments.Operations.Alerts.Channels;

/// <summary><c>Alerts:Webhook</c>: a URL that takes a JSON POST per alert (a chat tool's incoming webhook, an incident tool). Without <see cref="Url"/> none is sent.</summary>
public sealed class WebhookAlertOptions
{
    public const string Section = "Alerts:Webhook";

    public Uri? Url { get; set; }

    /// <summary>A shared secret the receiver checks, sent in <see cref="SecretHeader"/>; none by default.</summary>
    public string? Secret { get; set; }

    [Required(AllowEmptyStrings = false, ErrorMessage = "{0} must name a header.")]
    public string SecretHeader { get; set; } = "X-Payments-Alert-Secret";

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "{0} must be between 00:00:01 and 00:10:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool Enabled => Url is not null;
}
