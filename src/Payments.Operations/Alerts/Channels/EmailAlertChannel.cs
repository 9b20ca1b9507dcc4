using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Payments.Operations.Alerts.Channels;

/// <summary>Sends an alert as a plain-text mail to <c>Alerts:Email:To</c> through the configured SMTP server (MailKit).</summary>
public sealed class EmailAlertChannel(IOptions<EmailAlertOptions> options) : IAlertChannel
{
    EmailAlertOptions Settings => options.Value;

    public string Name => "email";

    public bool Enabled => Settings.Enabled;

    public async Task SendAsync(Alert alert, int heldBack, CancellationToken cancellationToken)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(Settings.From!));
        foreach (var to in Settings.To)
            message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"[payments] {alert.Title}";
        message.Headers.Add("X-Payments-Alert-Kind", alert.Kind);
        message.Body = new TextPart("plain") { Text = AlertText.Body(alert, heldBack) };

        using var client = new SmtpClient { Timeout = (int)Settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(Settings.Host!, Settings.Port, Settings.Security, cancellationToken);
        if (!string.IsNullOrWhiteSpace(Settings.Username))
            await client.AuthenticateAsync(Settings.Username, Settings.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
