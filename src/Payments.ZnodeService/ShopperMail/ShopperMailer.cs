using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Payments.ServiceDefaults.Failures;

namespace Payments.ZnodeService.ShopperMail;

/// <summary>What became of a mail to a shopper.</summary>
public enum MailOutcome
{
    Sent,
    /// <summary>No <c>Znode:Mail:Host</c>, or no address for the shopper.</summary>
    NotSent,
    /// <summary>The server refused the shopper's address for good (5xx on the recipient): told nobody, and not worth a retry.</summary>
    RecipientRefused,
}

/// <summary>
/// Sends mail to shoppers over SMTP with MailKit. A server that cannot be reached or answers 4xx is a transient failure (the
/// message is retried); a refused recipient is an outcome, not a failure (the shopper's address is wrong; Znode was updated anyway).
/// The Message-ID is derived from the mail's key, so a retry after a redelivery sends the same message, which mail systems can fold.
/// </summary>
public sealed class ShopperMailer(IOptions<ShopperMailOptions> options, ILogger<ShopperMailer> logger)
{
    ShopperMailOptions Settings => options.Value;

    public bool Enabled => Settings.Enabled;

    public async Task<MailOutcome> SendAsync(ShopperMessage mail, CancellationToken cancellationToken)
    {
        if (!Settings.Enabled)
        {
            logger.LogInformation("No Znode:Mail:Host configured: mail '{Subject}' to the shopper not sent", mail.Subject);
            return MailOutcome.NotSent;
        }
        if (!MailboxAddress.TryParse(mail.To, out var to))
        {
            logger.LogWarning("Shopper address '{To}' is not an e-mail address: mail '{Subject}' not sent", mail.To, mail.Subject);
            return MailOutcome.RecipientRefused;
        }

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(Settings.FromName ?? Settings.StoreName, Settings.From!));
        message.To.Add(to);
        message.Subject = mail.Subject;
        message.MessageId = MessageIdFor(mail.Key);
        message.Body = new TextPart("plain") { Text = mail.Body };

        using var client = new SmtpClient { Timeout = (int)Settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(Settings.Host!, Settings.Port, Settings.Security, cancellationToken);
            if (!string.IsNullOrWhiteSpace(Settings.Username))
                await client.AuthenticateAsync(Settings.Username, Settings.Password ?? "", cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            logger.LogInformation("Mail '{Subject}' sent to the shopper ({MessageId})", mail.Subject, message.MessageId);
            return MailOutcome.Sent;
        }
        catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)e.StatusCode >= 500)
        {
            logger.LogWarning("The mail server refused the shopper's address for '{Subject}': {Status} {Message}", mail.Subject, (int)e.StatusCode, e.Message);
            return MailOutcome.RecipientRefused;
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            throw new PermanentFailureException($"The mail server refused '{mail.Subject}': {(int)e.StatusCode} {e.Message}", "SMTP", e);
        }
        catch (AuthenticationException e)
        {
            throw new PermanentFailureException($"The mail server refused our login (Znode:Mail:Username/Password): {e.Message}", "SMTP", e);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or SocketException or IOException or ServiceNotConnectedException
                                      or TimeoutException or SslHandshakeException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new TransientFailureException($"The mail server {Settings.Host}:{Settings.Port} could not take '{mail.Subject}': {e.Message}", null, e);
        }
    }

    string MessageIdFor(string key)
    {
        var domain = Settings.From is { } from && from.LastIndexOf('@') is var at and >= 0 ? from[(at + 1)..] : "payments.local";
        var safe = new string([.. key.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '.')]);
        return $"{safe}@{domain}";
    }
}
