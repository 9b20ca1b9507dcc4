using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace Payments.Operations.Alerts.Channels;

/// <summary><c>Alerts:Email</c>: the SMTP server (MailKit) and the addresses alerts go to. Without <see cref="Host"/> no mail is sent.</summary>
public sealed class EmailAlertOptions
{
    public const string Section = "Alerts:Email";

    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "{0} must be a TCP port (25, 465, 587, …).")]
    public int Port { get; set; } = 587;

    /// <summary>MailKit's <see cref="SecureSocketOptions"/>: <c>StartTls</c> (587), <c>SslOnConnect</c> (465), <c>None</c> (a local relay only), <c>Auto</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>payments@example.com</c>.</summary>
    public string? From { get; set; }

    /// <summary>The recipients (<c>Alerts:Email:To:0..n</c>).</summary>
    public List<string> To { get; set; } = [];

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "{0} must be between 00:00:01 and 00:10:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
