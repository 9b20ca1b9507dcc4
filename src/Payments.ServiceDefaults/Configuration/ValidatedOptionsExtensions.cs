using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Payments.ServiceDefaults.Configuration;

/// <summary>
/// The one way a Payments service reads a configuration section: bound to an options class, checked when the host starts
/// (DataAnnotations on its properties, then the class's own <see cref="IValidateOptions{TOptions}"/> for rules across
/// properties), every problem one line that names its key (<c>P21:SalesOrders:SourceLocationId is required …</c>), each
/// logged on its own and all of them in the <see cref="OptionsValidationException"/> that stops the start.
/// </summary>
public static class ValidatedOptionsExtensions
{
    /// <summary>Binds <paramref name="section"/> to <typeparamref name="TOptions"/> (named <paramref name="name"/>) and validates it at start-up.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IHostApplicationBuilder builder, string section, string? name = null)
        where TOptions : class
    {
        name ??= Options.DefaultName;
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<TOptions>>(new AnnotatedOptionsValidator<TOptions>(section, name));
        services.TryAddTransient<IOptionsFactory<TOptions>, ReportingOptionsFactory<TOptions>>();
        return services.AddOptions<TOptions>(name).Bind(builder.Configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>
    /// As <see cref="AddValidatedOptions{TOptions}(IHostApplicationBuilder, string, string?)"/>, for libraries that register on a
    /// service collection (the persistence layer, on MassTransit's bus configurator): the section is bound from the host's
    /// configuration when the options are first read. Registering the same options twice adds nothing.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section, string? name = null)
        where TOptions : class
    {
        name ??= Options.DefaultName;
        var registered = services.Any(d => d.ServiceType == typeof(IValidateOptions<TOptions>)
            && d.ImplementationInstance is AnnotatedOptionsValidator<TOptions> validator && validator.Name == name);
        var options = services.AddOptions<TOptions>(name);
        if (registered)
            return options;
        services.AddSingleton<IValidateOptions<TOptions>>(new AnnotatedOptionsValidator<TOptions>(section, name));
        services.TryAddTransient<IOptionsFactory<TOptions>, ReportingOptionsFactory<TOptions>>();
        return options.BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>As <see cref="AddValidatedOptions{TOptions}(IHostApplicationBuilder, string, string?)"/>, with <typeparamref name="TValidator"/> for the rules DataAnnotations cannot say.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IHostApplicationBuilder builder, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return builder.AddValidatedOptions<TOptions>(section);
    }
}
