using Microsoft.AspNetCore.Http;

namespace Payments.Simulators.P21.Pool;

/// <summary>
/// Endpoint metadata for the routes P21 serves from its pool of API instances (the UI server's Transaction API), and the
/// middleware that makes them wait for an instance, holding it while the pool's latency, any fault delay and the handler run.
/// </summary>
sealed class P21PooledCall
{
    public static readonly P21PooledCall Required = new();

    P21PooledCall() { }

    /// <param name="pool">The simulator's pool.</param>
    /// <param name="refuse">Answers a call that found no free instance in time (status, message).</param>
    /// <param name="time">The simulator's clock, for <see cref="P21SessionPool.Latency"/>.</param>
    public static Func<HttpContext, RequestDelegate, Task> Gate(P21SessionPool pool, Func<HttpContext, int, string, Task> refuse, TimeProvider time) => async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<P21PooledCall>() is null)
        {
            await next(http);
            return;
        }
        using var instance = await pool.AcquireAsync();
        if (instance is null)
        {
            // Our wording: P21's answer after the pool wait is not public (docs/external-apis/p21.md#assumptions-not-confirmed).
            await refuse(http, StatusCodes.Status500InternalServerError,
                $"Timed out after {pool.Wait.TotalSeconds:0.#} seconds waiting for an available API instance.");
            return;
        }
        if (pool.Latency is { } latency && latency > TimeSpan.Zero)
            await Task.Delay(latency, time);
        await next(http);
    };
}
