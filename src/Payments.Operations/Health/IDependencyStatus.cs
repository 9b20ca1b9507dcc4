namespace Payments.Operations.Health;

/// <summary>The latest probe of every dependency, kept by the dependency monitor; the console's health page reads it.</summary>
public interface IDependencyStatus
{
    IReadOnlyList<DependencyHealth> Current { get; }
}
