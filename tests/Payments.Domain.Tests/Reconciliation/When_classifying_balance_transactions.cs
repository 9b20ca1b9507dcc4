using Payments.Domain.Reconciliation;

namespace Payments.Domain.Tests.Reconciliation;

public class When_classifying_balance_transactions
{
    [TestCase("charge", "charge", TransactionCategory.Charge)]
    [TestCase("charge", "payment", TransactionCategory.Charge)]
    [TestCase("partial_capture_reversal", "refund", TransactionCategory.Charge)]  // reduces sales, not a refund
    [TestCase("charge_failure", "payment_failure_refund", TransactionCategory.Charge)]
    [TestCase("refund", "refund", TransactionCategory.Refund)]
    [TestCase("refund", "payment_refund", TransactionCategory.Refund)]
    [TestCase("refund_failure", "adjustment", TransactionCategory.RefundFailure)]
    [TestCase("refund_failure", "refund_failure", TransactionCategory.RefundFailure)]
    [TestCase("dispute", "adjustment", TransactionCategory.DisputeWithdrawal)]
    [TestCase("dispute_reversal", "adjustment", TransactionCategory.DisputeReinstatement)]
    [TestCase("fee", "stripe_fee", TransactionCategory.Fee)]
    [TestCase("fee", "stripe_fx_fee", TransactionCategory.Fee)]
    [TestCase("fee", "tax_fee", TransactionCategory.Fee)]
    [TestCase("fee", "adjustment", TransactionCategory.Fee)]  // fees were once adjustments
    [TestCase("network_cost", "stripe_fee", TransactionCategory.Fee)]
    [TestCase("tax", "tax_fee", TransactionCategory.Fee)]
    [TestCase("other_adjustment", "adjustment", TransactionCategory.Adjustment)]
    [TestCase("transfer", "transfer", TransactionCategory.Transfer)]
    [TestCase("transfer_reversal", "transfer_refund", TransactionCategory.Transfer)]
    [TestCase("connect_collection_transfer", "connect_collection_transfer", TransactionCategory.Transfer)]
    [TestCase("topup", "topup", TransactionCategory.Transfer)]
    [TestCase("topup_reversal", "topup_reversal", TransactionCategory.Transfer)]
    [TestCase("payout", "payout", TransactionCategory.Payout)]
    [TestCase("payout_reversal", "payout_failure", TransactionCategory.Payout)]
    [TestCase("payout_reversal", "payout_cancel", TransactionCategory.Payout)]
    [TestCase("risk_reserved_funds", "reserved_funds", TransactionCategory.Other)]
    [TestCase("connect_reserved_funds", "reserve_transaction", TransactionCategory.Other)]
    [TestCase("platform_earning", "application_fee", TransactionCategory.Other)]
    [TestCase("advance", "advance", TransactionCategory.Other)]
    [TestCase("issuing_transaction", "issuing_transaction", TransactionCategory.Other)]
    [TestCase("unreconciled_customer_funds", "payment_unreconciled", TransactionCategory.Other)]
    public void Should_group_by_the_reporting_category(string reportingCategory, string type, TransactionCategory expected) =>
        Assert.That(BalanceTransactionClassifier.CategoryOf(reportingCategory, type), Is.EqualTo(expected));

    [TestCase("payment", TransactionCategory.Charge)]
    [TestCase("payment_refund", TransactionCategory.Refund)]
    [TestCase("refund_failure", TransactionCategory.RefundFailure)]
    [TestCase("stripe_fx_fee", TransactionCategory.Fee)]
    [TestCase("adjustment", TransactionCategory.Adjustment)]
    [TestCase("transfer_failure", TransactionCategory.Transfer)]
    [TestCase("payout_failure", TransactionCategory.Payout)]
    [TestCase("climate_order_purchase", TransactionCategory.Other)]
    public void Should_fall_back_to_the_type_when_Stripe_adds_a_category_we_do_not_know(string type, TransactionCategory expected) =>
        Assert.That(BalanceTransactionClassifier.CategoryOf("a_category_from_the_future", type), Is.EqualTo(expected));

    [Test]
    public void Should_split_the_fee_by_kind_from_fee_details()
    {
        var transaction = BalanceTransactions.Charge("txn_1", 10_000, 420, details:
            [new FeeDetail("stripe_fee", 320, "usd"), new FeeDetail("application_fee", 70, "usd"), new FeeDetail("tax", 30, "usd")]);

        var classified = BalanceTransactionClassifier.Classify(transaction);

        Assert.That(classified.Category, Is.EqualTo(TransactionCategory.Charge));
        Assert.That(classified.Fees, Is.EqualTo(new[] { new FeePart("stripe_fee", 320), new FeePart("application_fee", 70), new FeePart("tax", 30) }));
        Assert.That(classified.ChargeId, Is.EqualTo("ch_txn_1"));
        Assert.That(classified.NeedsOrder, Is.True);
    }

    [Test]
    public void Should_take_a_fee_without_details_as_Stripes_processing_fee()
    {
        var transaction = new BalanceTransaction("txn_1", "charge", "charge", 1000, 59, 941, "usd", [], new BalanceTransactionSource("ch_1"));

        Assert.That(BalanceTransactionClassifier.Classify(transaction).Fees, Is.EqualTo(new[] { new FeePart("stripe_fee", 59) }));
    }

    [Test]
    public void Should_tell_the_dispute_fee_from_the_processing_fee()
    {
        var withdrawal = BalanceTransactionClassifier.Classify(BalanceTransactions.Dispute("txn_d", 500, 1500, "ch_8"));
        var returned = BalanceTransactionClassifier.Classify(new BalanceTransaction("txn_dr", "adjustment", "dispute_reversal", 500, -1500, 2000, "usd", [],
            new BalanceTransactionSource("du_1", ChargeId: "ch_8", DisputeId: "du_1")));
        var sale = BalanceTransactionClassifier.Classify(BalanceTransactions.Charge("txn_c", 1000, 59));

        Assert.Multiple(() =>
        {
            Assert.That(withdrawal.Fees, Is.EqualTo(new[] { new FeePart("dispute_fee", 1500) }));
            Assert.That(returned.Fees, Is.EqualTo(new[] { new FeePart("dispute_fee", -1500) }), "a won dispute's fee refund, without details");
            Assert.That(sale.Fees.Select(f => f.Kind), Is.EqualTo(new[] { "stripe_fee" }));
        });
    }

    [Test]
    public void Should_trace_refunds_and_disputes_to_their_charge_and_fees_to_none()
    {
        Assert.That(BalanceTransactionClassifier.Classify(BalanceTransactions.Refund("txn_r", 500, "ch_9")).ChargeId, Is.EqualTo("ch_9"));
        Assert.That(BalanceTransactionClassifier.Classify(BalanceTransactions.Dispute("txn_d", 500, 1500, "ch_8")).ChargeId, Is.EqualTo("ch_8"));
        var fee = BalanceTransactionClassifier.Classify(BalanceTransactions.Fee("txn_f", "stripe_fee", 200));
        Assert.That(fee.ChargeId, Is.Null);
        Assert.That(fee.NeedsOrder, Is.False);
    }

    [Test]
    public void Should_refuse_figures_that_contradict_each_other_naming_the_transaction()
    {
        var badNet = new BalanceTransaction("txn_net", "charge", "charge", 1000, 30, 980, "usd", [new FeeDetail("stripe_fee", 30, "usd")]);
        var badDetails = new BalanceTransaction("txn_sum", "charge", "charge", 1000, 30, 970, "usd", [new FeeDetail("stripe_fee", 20, "usd")]);
        var otherCurrency = new BalanceTransaction("txn_cur", "charge", "charge", 1000, 30, 970, "usd", [new FeeDetail("stripe_fee", 30, "eur")]);

        Assert.That(() => BalanceTransactionClassifier.Classify(badNet), Throws.ArgumentException.With.Message.Contains("txn_net"));
        Assert.That(() => BalanceTransactionClassifier.Classify(badDetails), Throws.ArgumentException.With.Message.Contains("txn_sum"));
        Assert.That(() => BalanceTransactionClassifier.Classify(otherCurrency), Throws.ArgumentException.With.Message.Contains("EUR"));
    }
}
