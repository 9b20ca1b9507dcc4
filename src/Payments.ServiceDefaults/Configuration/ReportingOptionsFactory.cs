using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Payments.ServiceDefaults.Configuration;

/// <summary>
/// The framework's <see cref="OptionsFactory{TOptions}"/>, plus one critical log line per configuration problem before the
/// <see cref="OptionsValidationException"/> (whose message joins them all on one line) stops the host.
/// </summary>
public sealed class ReportingOptionsFactory<TOptions>(
    IEnumerable<IConfigureOptions<TOptions>> setups,
    IEnumerable<IPostConfigureOptions<TOptions>> postConfigures,
    IEnumerable<IValidateOptions<TOptions>> validations,
    ILoggerFactory loggers) : IOptionsFactory<TOptions>
    where TOptions : class
{
    public const string LogCategory = "Payments.Configuration";

    readonly OptionsFactory<TOptions> _inner = new(setups, postConfigures, validations);
    readonly ILogger _logger = loggers.CreateLogger(LogCategory);

    public TOptions Create(string name)
    {
        try
        {
            return _inner.Create(name);
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
                _logger.LogCritical("Configuration: {Problem}", failure);
            throw;
        }
    }
}
