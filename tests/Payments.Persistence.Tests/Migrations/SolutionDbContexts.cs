using System.Reflection;
using System.Runtime.Loader;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;
using Payments.Persistence.Migrations;

namespace Payments.Persistence.Tests.Migrations;

/// <summary>
/// Every DbContext of the solution, found by its design-time factory (a <see cref="PaymentsDesignTimeDbContextFactory{TContext}"/>
/// subclass) in the Payments assemblies next to the tests: a context joins the migration tests by having a factory in a project
/// this test project references (see the csproj), nothing else.
/// </summary>
public static class SolutionDbContexts
{
    public static readonly IReadOnlyList<Type> Factories = Find();

    /// <summary>A context of <paramref name="factory"/> on <paramref name="provider"/>; a placeholder connection unless one is given.</summary>
    public static DbContext Create(Type factory, DatabaseProvider provider, string? connectionString = null)
    {
        var instance = Activator.CreateInstance(factory)!;
        string[] args = connectionString is null
            ? ["--provider", provider.ToString()]
            : ["--provider", provider.ToString(), "--connection", connectionString];
        return (DbContext)factory.GetMethod(nameof(PaymentsDesignTimeDbContextFactory<DbContext>.CreateDbContext))!.Invoke(instance, [args])!;
    }

    /// <summary>The context type a factory makes.</summary>
    public static Type ContextOf(Type factory)
    {
        for (var type = factory; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(PaymentsDesignTimeDbContextFactory<>))
                return type.GetGenericArguments()[0];
        }
        throw new ArgumentException($"{factory} is not a PaymentsDesignTimeDbContextFactory<>.", nameof(factory));
    }

    static List<Type> Find()
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic)
            .GroupBy(a => a.GetName().Name!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var assemblies = Directory.GetFiles(AppContext.BaseDirectory, "Payments.*.dll")
            .Select(path => loaded.TryGetValue(Path.GetFileNameWithoutExtension(path), out var assembly)
                ? assembly
                : AssemblyLoadContext.Default.LoadFromAssemblyPath(path));
        return assemblies
            .SelectMany(LoadableTypes)
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && IsFactory(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
    }

    static bool IsFactory(Type type)
    {
        try
        {
            ContextOf(type);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
