namespace Payments.Persistence.Tests.Support;

static class Eventually
{
    /// <summary>Polls until the condition holds or the (generous) limit passes; the caller then asserts on the state it reached.</summary>
    public static async Task<bool> True(Func<Task<bool>> condition, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return true;
            await Task.Delay(25);
        }

        return await condition();
    }
}
