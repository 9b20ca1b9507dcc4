using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Payments.Cli.Tests;

/// <summary>
/// A small HTTP server on 127.0.0.1 standing for a system the command reads (Stripe, P21, Znode) where the simulators have no such
/// endpoint yet: each route answers the JSON a test gives, and every request is recorded (method, path and query, headers).
/// </summary>
sealed class FakeHttpServer : IAsyncDisposable
{
    readonly HttpListener _listener = new();
    readonly Dictionary<string, Func<HttpListenerRequest, (int Status, string Body)>> _routes = new(StringComparer.Ordinal);
    readonly Task _loop;

    public FakeHttpServer()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<(string Method, string PathAndQuery, string? Authorization)> Requests { get; } = new();

    /// <summary>Answers requests whose path is <paramref name="path"/> (the query is the handler's to read).</summary>
    public void On(string path, Func<HttpListenerRequest, (int Status, string Body)> handler) => _routes[path] = handler;

    public void On(string path, string json) => On(path, _ => (200, json));

    async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var request = context.Request;
            Requests.Enqueue((request.HttpMethod, request.Url!.PathAndQuery, request.Headers["Authorization"]));
            var (status, body) = _routes.TryGetValue(request.Url.AbsolutePath, out var handler) ? handler(request) : (404, """{"error":{"message":"no such route"}}""");
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
