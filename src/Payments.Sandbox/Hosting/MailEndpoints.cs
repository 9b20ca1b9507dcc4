using System.Text;
using Payments.Simulators.Smtp;

namespace Payments.Sandbox.Hosting;

/// <summary><c>GET /_sim/mail</c>: what the SMTP catcher caught (the shoppers' mail, the alerts), newest first, as plain text.</summary>
public static class MailEndpoints
{
    public const string Path = "/_sim/mail";

    public static WebApplication MapCaughtMail(this WebApplication app)
    {
        app.MapGet(Path, (SmtpCatcher mail) =>
        {
            var text = new StringBuilder();
            var mails = mail.Mails.OrderByDescending(m => m.At).ToList();
            text.AppendLine($"{mails.Count} mail(s) caught on {mail.Host}:{mail.Port}").AppendLine();
            foreach (var m in mails)
                text.AppendLine($"Date: {m.At:O}").AppendLine($"From: {m.From}").AppendLine(m.ToString()).AppendLine(new string('-', 72));
            return Results.Text(text.ToString(), "text/plain; charset=utf-8");
        });
        return app;
    }
}
