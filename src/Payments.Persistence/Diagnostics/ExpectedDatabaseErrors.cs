using Microsoft.Extensions.Logging;
using Payments.Persistence.Concurrency;

namespace Payments.Persistence.Diagnostics;

/// <summary>
/// Database errors a caller expects and handles, such as the duplicate key of a redelivered webhook. EF Core logs a failed
/// command and a failed save at Error level, with the stack trace, before the caller's catch runs; inside a scope opened
/// here, those entries are written at Debug when the failure is one the scope expects (the caller logs what happened, at
/// the level it deserves). Every other failure, inside or outside a scope, is logged by EF Core as usual.
/// Works for the contexts configured with <c>UsePaymentsProvider</c>, through <see cref="ExpectedErrorsLoggerFactory"/>.
/// </summary>
/// <remarks>
/// EF Core's failed-command entry (<c>RelationalEventId.CommandError</c>) does not carry the exception; the failed-save
/// entry that follows it (<c>CoreEventId.SaveChangesFailed</c>) does. So a scope holds the command's entry back until an
/// entry with an exception decides it, and writes whatever it still holds, at its own level, when it ends.
/// </remarks>
public static class ExpectedDatabaseErrors
{
    static readonly AsyncLocal<Scope?> Current = new();

    /// <summary>Expects the failures <paramref name="isExpected"/> accepts until the returned scope is disposed (it flows into awaited calls).</summary>
    public static IDisposable Expect(Func<Exception, bool> isExpected)
    {
        var scope = new Scope(isExpected, Current.Value);
        Current.Value = scope;
        return scope;
    }

    /// <summary>A unique key or primary key violation: another transaction (or an earlier delivery) stored the row first.</summary>
    public static IDisposable UniqueViolations() => Expect(ConcurrencyConflicts.IsUniqueViolation);

    /// <summary>
    /// Decides the held entries of a failed raw SQL command (no failed-save entry follows one to decide them): at Debug when the open
    /// scope expects <paramref name="exception"/>, else at their own level.
    /// </summary>
    internal static void Decide(Exception exception) => Current.Value?.Decide(exception);

    /// <summary>The innermost open scope of this flow, if any.</summary>
    internal static Scope? Open => Current.Value;

    internal sealed class Scope(Func<Exception, bool> isExpected, Scope? outer) : IDisposable
    {
        readonly List<Action<LogLevel?>> _held = [];
        bool _ended;

        /// <summary>Whether this scope or one around it expects <paramref name="exception"/>.</summary>
        public bool Expects(Exception exception) => isExpected(exception) || outer?.Expects(exception) == true;

        /// <summary>Writes the held entries at Debug when <paramref name="exception"/> is expected, else at their own level; whether it is.</summary>
        public bool Decide(Exception exception)
        {
            var expected = Expects(exception);
            Release(expected ? LogLevel.Debug : null);
            return expected;
        }

        /// <summary>Keeps an entry until <see cref="Release"/>; false once the scope has ended (then write it now).</summary>
        public bool Hold(Action<LogLevel?> write)
        {
            lock (_held)
            {
                if (_ended) return false;
                _held.Add(write);
                return true;
            }
        }

        /// <summary>Writes the held entries at <paramref name="level"/>, or at their own level when null.</summary>
        public void Release(LogLevel? level)
        {
            Action<LogLevel?>[] held;
            lock (_held)
            {
                held = [.. _held];
                _held.Clear();
            }
            foreach (var write in held)
                write(level);
        }

        public void Dispose()
        {
            lock (_held)
                _ended = true;
            Release(null);
            if (Current.Value == this)
                Current.Value = outer;
        }
    }
}
