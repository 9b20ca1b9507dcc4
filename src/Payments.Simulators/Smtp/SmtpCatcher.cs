using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Payments.Simulators.Smtp;

/// <summary>One mail the catcher took: envelope, headers and text body, and the raw message.</summary>
public sealed record CaughtMail(DateTimeOffset At, string From, IReadOnlyList<string> To, string Subject, string MessageId, string TextBody, string Raw)
{
    public override string ToString() => $"To: {string.Join(", ", To)}\nSubject: {Subject}\n\n{TextBody}";
}

/// <summary>
/// A real SMTP server on loopback (SmtpServer, the NuGet package) that keeps every mail it is given instead of delivering it: the
/// shoppers' mailbox for the sandbox and the tests. Plain SMTP, no TLS and no login (point the sender at it with
/// <c>Znode:Mail:Security=None</c>). <see cref="RefuseRecipient"/> makes it answer 550 for an address, as a real server does
/// for a mailbox that does not exist.
/// </summary>
public sealed class SmtpCatcher : IAsyncDisposable
{
    readonly Lock _gate = new();
    readonly List<CaughtMail> _mails = [];
    readonly HashSet<string> _refused = new(StringComparer.OrdinalIgnoreCase);
    readonly CancellationTokenSource _stop = new();
    readonly TimeProvider _time;
    Task _running = Task.CompletedTask;

    SmtpCatcher(string host, int port, TimeProvider time)
    {
        Host = host;
        Port = port;
        _time = time;
    }

    public string Host { get; }
    public int Port { get; }

    /// <summary>Every mail caught so far, oldest first.</summary>
    public IReadOnlyList<CaughtMail> Mails { get { lock (_gate) return _mails.ToArray(); } }

    /// <summary>Mails to <paramref name="address"/>, oldest first.</summary>
    public IReadOnlyList<CaughtMail> To(string address) =>
        [.. Mails.Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase))];

    /// <summary>Starts on <paramref name="host"/>:<paramref name="port"/> (0: a free port; <see cref="Port"/> tells which) and returns once it accepts connections.</summary>
    public static async Task<SmtpCatcher> StartAsync(int port = 0, string host = "127.0.0.1", TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var address = IPAddress.Parse(host);
        if (port == 0) port = FreePort(address);
        var catcher = new SmtpCatcher(host, port, time ?? TimeProvider.System);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("payments-smtp-catcher")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(address, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(catcher));
        services.Add(new Filter(catcher));
        var server = new SmtpServer.SmtpServer(options, services);
        catcher._running = server.StartAsync(catcher._stop.Token);
        await catcher.WaitUntilListeningAsync(cancellationToken);
        return catcher;
    }

    /// <summary>Answer 550 (mailbox unavailable) to mail for <paramref name="address"/>.</summary>
    public void RefuseRecipient(string address)
    {
        lock (_gate) _refused.Add(address);
    }

    public void Clear()
    {
        lock (_gate) _mails.Clear();
    }

    /// <summary>Waits until a mail matching <paramref name="match"/> was caught (or <paramref name="timeout"/> passes: null).</summary>
    public async Task<CaughtMail?> WaitForAsync(Func<CaughtMail, bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Mails.FirstOrDefault(match) is { } mail) return mail;
            if (DateTime.UtcNow >= until) return null;
            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (_running.IsFaulted) await _running; // a taken port: the server's own exception
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(Host, Port, cancellationToken);
                return;
            }
            catch (SocketException) when (attempt < 200)
            {
                await Task.Delay(25, cancellationToken);
            }
        }
    }

    static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    bool Refuses(string address)
    {
        lock (_gate) return _refused.Contains(address);
    }

    void Keep(IMessageTransaction transaction, string raw)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw));
        var message = MimeMessage.Load(stream);
        var mail = new CaughtMail(
            _time.GetUtcNow(),
            Address(transaction.From),
            [.. transaction.To.Select(Address)],
            message.Subject ?? "",
            message.MessageId ?? "",
            message.TextBody ?? "",
            raw);
        lock (_gate) _mails.Add(mail);
    }

    static string Address(IMailbox mailbox) => $"{mailbox.User}@{mailbox.Host}";

    sealed class Store(SmtpCatcher catcher) : IMessageStore
    {
        public Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            catcher.Keep(transaction, System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    sealed class Filter(SmtpCatcher catcher) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!catcher.Refuses(Address(to)));
    }
}
