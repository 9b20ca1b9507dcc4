using System.Runtime.CompilerServices;
using System.Text;
using Payments.Reporting.PayoutReconciliation;

namespace Payments.Cli.Tests.PayoutReconciliation;

/// <summary>
/// A payout of 10,000 balance transactions: the writers take the lines as they come from a lazily enumerated source and write
/// them out as they go, so most of the report has reached its destination before the source has produced its last line.
/// </summary>
public class When_writing_the_report_of_a_large_payout
{
    const int Count = 10_000;

    [Test]
    public async Task Should_stream_10000_lines_to_csv()
    {
        var sink = new CountingWriter();
        var source = new LazyLines(sink);

        var written = await PayoutReportCsv.WriteAsync(PayoutReport.From(PayoutReports.FlaggedRow()), source.Enumerate(), sink);

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.EqualTo(Count));
            Assert.That(sink.Lines(l => l.StartsWith("2026-", StringComparison.Ordinal) && l.Contains(",txn_", StringComparison.Ordinal)), Is.EqualTo(Count),
                "a record per line (the summary's flag names a transaction too)");
            Assert.That(source.WrittenBeforeTheLastLine, Is.GreaterThan(sink.Length * 9 / 10),
                "nine tenths of the file were written out before the source produced its last line");
        });
    }

    [Test]
    public async Task Should_stream_10000_lines_to_html()
    {
        var sink = new CountingWriter();
        var source = new LazyLines(sink);

        var written = await PayoutReportHtml.WriteAsync(PayoutReport.From(PayoutReports.FlaggedRow()), source.Enumerate(), sink);

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.EqualTo(Count));
            Assert.That(sink.Lines(l => l.StartsWith("<tr><td>", StringComparison.Ordinal) && l.Contains("txn_", StringComparison.Ordinal)), Is.EqualTo(Count));
            Assert.That(source.WrittenBeforeTheLastLine, Is.GreaterThan(sink.Length * 9 / 10));
        });
    }

    /// <summary>Produces each line only when asked and notes how much had reached the sink when the last one was asked for.</summary>
    sealed class LazyLines(CountingWriter sink)
    {
        public long WrittenBeforeTheLastLine { get; private set; }

        public async IAsyncEnumerable<PayoutReportLine> Enumerate([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 1; i <= Count; i++)
            {
                if (i == Count)
                    WrittenBeforeTheLastLine = sink.Length;
                if (i % 500 == 0)
                    await Task.Yield();
                var id = $"txn_{i:D5}";
                yield return PayoutReportLine.From(PayoutReports.Line(id, "charge", "charge", "charge", 1000 + i, 59, "ch_" + i, p21: i.ToString(),
                    description: $"Sale {i}"));
            }
        }
    }

    /// <summary>Keeps the text (to count its lines afterwards) and its length so far.</summary>
    sealed class CountingWriter : StringWriter
    {
        public long Length => GetStringBuilder().Length;

        public int Lines(Func<string, bool> predicate) =>
            ToString().Split('\n').Count(predicate);

        public override Encoding Encoding => Encoding.UTF8;
    }
}
