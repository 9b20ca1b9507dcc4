using MassTransit;

namespace Payments.Sagas.Flows;

/// <summary>Turns a MassTransit fault into one line an operator can act on.</summary>
public static class FaultReason
{
    public static string Describe(Fault fault)
    {
        var exception = fault.Exceptions.FirstOrDefault();
        if (exception is null) return "faulted without exception information";
        // The innermost exception usually carries the outside system's own words (e.g. P21's message).
        var innermost = exception;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        var type = innermost.ExceptionType.Split('.').Last();
        return $"{type}: {innermost.Message}";
    }
}
