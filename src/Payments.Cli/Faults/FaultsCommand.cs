using System.Globalization;
using Payments.ServiceDefaults;

namespace Payments.Cli.Faults;

/// <summary><c>payments faults list|redrive ...</c>: argument parsing and output; the work is in <see cref="FaultQueues"/>.</summary>
public static class FaultsCommand
{
    public const string Usage = """
        usage:
          payments faults list [--queue <queue>] [--max <n>]
              every *_error queue with its count, and up to n (default 20) messages each: id, type, exception, reason, retries
          payments faults redrive <error-queue> (--message-id <id> | --all)
              moves messages back to the queue they failed in, without their fault headers, keeping their MessageId

        connection (environment or appsettings.json): Bus__RabbitMq__Host, __Port, __VirtualHost, __Username, __Password, __ManagementUri
        """;

    public static async Task<int> RunAsync(string[] args, RabbitMqOptions options, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default)
    {
        if (args.Length < 2 || args[0] != "faults")
            return Fail(error, args.Length == 0 ? null : $"unknown command '{string.Join(' ', args)}'");

        var rest = args[2..];
        try
        {
            return args[1] switch
            {
                "list" => await ListAsync(rest, options, output, error, cancellationToken),
                "redrive" => await RedriveAsync(rest, options, output, error, cancellationToken),
                _ => Fail(error, $"unknown faults command '{args[1]}'"),
            };
        }
        catch (ArgumentException e)
        {
            return Fail(error, e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or RabbitMQ.Client.Exceptions.BrokerUnreachableException
                                      or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            await error.WriteLineAsync($"payments: RabbitMQ at {options.Host}:{options.Port} (management {options.ManagementUri}): {e.Message}");
            return 1;
        }
    }

    static async Task<int> ListAsync(string[] args, RabbitMqOptions options, TextWriter output, TextWriter error, CancellationToken ct)
    {
        string? queue = null;
        var max = 20;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--queue": queue = Value(args, ref i); break;
                case "--max": max = int.TryParse(Value(args, ref i), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                    : throw new ArgumentException("--max needs a whole number"); break;
                default: return Fail(error, $"unknown option '{args[i]}'");
            }
        }

        await using var faults = new FaultQueues(options);
        var queues = await faults.ListAsync(queue, max, ct);
        if (queues.Count == 0)
            await output.WriteLineAsync("no error queues");
        foreach (var q in queues)
        {
            await output.WriteLineAsync($"{q.Name}: {q.MessageCount} message(s)");
            foreach (var m in q.Messages)
            {
                await output.WriteLineAsync($"  {m.MessageId ?? "(no id)"}  {m.MessageType ?? "(unknown type)"}");
                await output.WriteLineAsync($"    {m.ExceptionType}: {m.ExceptionMessage}");
                await output.WriteLineAsync($"    reason: {m.Reason ?? "-"}; retries: {m.RetryCount}; redeliveries: {m.RedeliveryCount}; faulted: {m.FaultedAt?.ToString("O") ?? "-"}");
            }
            if (q.MessageCount > q.Messages.Count)
                await output.WriteLineAsync($"  ... {q.MessageCount - q.Messages.Count} more");
        }
        return 0;
    }

    static async Task<int> RedriveAsync(string[] args, RabbitMqOptions options, TextWriter output, TextWriter error, CancellationToken ct)
    {
        string? errorQueue = null, messageId = null;
        var all = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--message-id": messageId = Value(args, ref i); break;
                case "--all": all = true; break;
                case var a when a.StartsWith("--", StringComparison.Ordinal): return Fail(error, $"unknown option '{a}'");
                case var a when errorQueue == null: errorQueue = a; break;
                default: return Fail(error, $"unexpected argument '{args[i]}'");
            }
        }
        if (errorQueue == null)
            return Fail(error, "redrive needs the error queue's name");
        if (all == (messageId != null))
            return Fail(error, "redrive needs exactly one of --message-id <id> or --all");

        await using var faults = new FaultQueues(options);
        var result = await faults.RedriveAsync(errorQueue, messageId, ct);
        await output.WriteLineAsync($"moved {result.Moved} message(s) from {result.ErrorQueue} to {result.SourceQueue}; {result.Left} left in {result.ErrorQueue}");
        if (messageId != null && result.Moved == 0)
        {
            await error.WriteLineAsync($"payments: no message with id {messageId} in {errorQueue}");
            return 1;
        }
        return 0;
    }

    static string Value(string[] args, ref int i) =>
        i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");

    static int Fail(TextWriter error, string? message)
    {
        if (message != null)
            error.WriteLine($"payments: {message}");
        error.WriteLine(Usage);
        return 2;
    }
}
