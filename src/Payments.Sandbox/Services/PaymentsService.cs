using MassTransit;

namespace Payments.Sandbox.Services;

/// <summary>
/// One Payments service: the project that runs it as its own process and container, the connection string it reads
/// (its own database), and how it is wired — the same extension methods its <c>Program.cs</c> calls.
/// </summary>
public sealed record PaymentsService(
    string Project,
    string ConnectionStringName,
    Action<IHostApplicationBuilder> AddService,
    Action<IBusRegistrationConfigurator> AddToBus,
    Action<WebApplication>? MapEndpoints = null);
