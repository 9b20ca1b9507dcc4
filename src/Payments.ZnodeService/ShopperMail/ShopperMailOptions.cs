using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace Payments.ZnodeService.ShopperMail;

/// <summary>
/// <c>Znode:Mail</c>: the SMTP server that carries mail to shoppers (MailKit). No <see cref="Host"/>: no mail is sent, and the
/// flow's events say so (<c>Emailed = false</c>, <c>ShopperNotified = false</c>).
/// </summary>
public sealed class ShopperMailOptions
{
    public const string Section = "Znode:Mail";

    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "{0} must be a TCP port (25, 465, 587, …).")]
    public int Port { get; set; } = 587;

    /// <summary>
    /// MailKit's <see cref="SecureSocketOptions"/>: <c>StartTls</c> (port 587), <c>SslOnConnect</c> (465), <c>StartTlsWhenAvailable</c>,
    /// <c>None</c> (a local relay or catcher only), <c>Auto</c>.
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>The sender, e.g. <c>orders@store.example.com</c>.</summary>
    public string? From { get; set; }
    public string? FromName { get; set; }

    /// <summary>SMTP credentials; none for a relay that takes mail without them.</summary>
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>The store's name in the mails.</summary>
    public string StoreName { get; set; } = "our store";

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "{0} must be between 00:00:01 and 00:10:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
