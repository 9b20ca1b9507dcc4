using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.Cleanup;

/// <summary>
/// Removes the oldest rows of a table whose time column is before a cutoff, about a batch at a time, through an index on
/// that column: the batch is the range up to the batch-th oldest time, so both statements are index range scans and no
/// key list is built (which a composite key would make awkward).
/// </summary>
public static class RetentionBatch
{
    /// <summary>Removes about <paramref name="batchSize"/> rows (those sharing the boundary time too) whose <paramref name="time"/> is before <paramref name="cutoff"/>.</summary>
    public static async Task<int> RemoveAsync<TEntity, TTime>(IQueryable<TEntity> rows, Expression<Func<TEntity, TTime>> time, TTime cutoff, int batchSize,
        CancellationToken cancellationToken)
        where TTime : struct
    {
        var expired = rows.Where(Compare(time, cutoff, Expression.LessThan));
        var boundary = await expired.OrderBy(time).Select(Nullable(time)).Skip(batchSize - 1).FirstOrDefaultAsync(cancellationToken);
        if (boundary is { } upTo)
            expired = expired.Where(Compare(time, upTo, Expression.LessThanOrEqual));
        return await expired.ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary><c>time(row) op value</c>, with the value as a query parameter (a captured variable, as a closure would give).</summary>
    static Expression<Func<TEntity, bool>> Compare<TEntity, TTime>(Expression<Func<TEntity, TTime>> time, TTime value,
        Func<Expression, Expression, BinaryExpression> op)
    {
        var parameter = Expression.Property(Expression.Constant(new Captured<TTime>(value)), nameof(Captured<TTime>.Value));
        return Expression.Lambda<Func<TEntity, bool>>(op(time.Body, parameter), time.Parameters);
    }

    static Expression<Func<TEntity, TTime?>> Nullable<TEntity, TTime>(Expression<Func<TEntity, TTime>> time)
        where TTime : struct =>
        Expression.Lambda<Func<TEntity, TTime?>>(Expression.Convert(time.Body, typeof(TTime?)), time.Parameters);

    sealed class Captured<T>(T value)
    {
        public T Value { get; } = value;
    }
}
