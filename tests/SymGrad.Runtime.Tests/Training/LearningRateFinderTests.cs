using System;
using System.Linq;
using SymGrad.Data;
using SymGrad.Multiclass;
using SymGrad.Optimizers;
using SymGrad.Training;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Runtime.Tests.Training
{
    public class LearningRateFinderTests
    {
        private const int Budget = 300;
        private const double L2 = 0.01;
        private const int BatchSize = 32;
        private readonly ITestOutputHelper output;

        public LearningRateFinderTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        /// <summary>
        /// Full-data loss after a fixed number of SGD steps at a fixed rate. L2-regularised logistic regression is strictly
        /// convex with a finite minimiser (without the penalty, nearly separable data push the best rate towards infinity).
        /// </summary>
        private static double LossAfterFixedRate(DataSet data, double rate)
        {
            double[] p = new double[LogisticRegressionModel.ParameterCount(data.FeatureCount)];
            var optimizer = new Sgd(rate);
            var loader = new BatchLoader(data, BatchSize, shuffle: true, seed: 9);
            double[] g = new double[p.Length];
            loader.StartEpoch();
            for (int step = 0; step < Budget; step++)
            {
                if (!loader.MoveNext())
                {
                    loader.StartEpoch();
                    loader.MoveNext();
                }

                Array.Clear(g);
                double loss = Loss(p, loader.Current, g);
                if (!double.IsFinite(loss) || g.Any(v => !double.IsFinite(v)))
                {
                    return double.PositiveInfinity;
                }

                optimizer.Step(p, g);
            }

            return Loss(p, Batch.FromDataSet(data), new double[p.Length]);
        }

        private static readonly LossAndGradient Loss = LogisticRegressionModel.CreateLossAndGradient(L2);

        [Fact]
        public void SuggestionIsWithinAFactorOfTenOfTheBestFixedRate()
        {
            (DataSet train, DataSet _) = TestData.StandardisedSplit(TestData.BreastCancer, seed: 1);

            double[] rates = Enumerable.Range(0, 25).Select(i => Math.Pow(10, -4 + (i * 0.25))).ToArray();
            double[] losses = rates.Select(r => LossAfterFixedRate(train, r)).ToArray();
            int bestIndex = Array.IndexOf(losses, losses.Min());
            double bestRate = rates[bestIndex];

            LearningRateFinderResult result = LearningRateFinder.Run(
                new Sgd(1e-3),
                Loss,
                new double[LogisticRegressionModel.ParameterCount(train.FeatureCount)],
                train,
                new LearningRateFinderOptions { MinLearningRate = 1e-5, MaxLearningRate = 1e3, Steps = 300, BatchSize = BatchSize, Seed = 9 });

            output.WriteLine($"sweep: {string.Join(", ", rates.Zip(losses, (r, l) => $"{r:G3}->{l:G4}"))}");
            output.WriteLine($"best fixed rate {bestRate:G3}; suggestion {result.SuggestedLearningRate:G3}");
            output.WriteLine(result.ToString());

            Assert.InRange(bestIndex, 1, rates.Length - 2);
            Assert.InRange(result.SuggestedLearningRate, bestRate / 10, bestRate * 10);
            Assert.True(result.Diverged, "the range test should reach rates large enough to diverge");
        }

        [Fact]
        public void CurveIsRecordedAndTheOptimizerIsRestored()
        {
            var adam = new Adam(0.01);
            double[] start = { 0.0, 0.0 };
            LearningRateFinderResult result = LearningRateFinder.Run(adam, LinearProblem.LossAndGradient, start, LinearProblem.Data(), new LearningRateFinderOptions { Steps = 50, BatchSize = 8 });
            Assert.Equal(result.LearningRates.Count, result.SmoothedLosses.Count);
            Assert.Equal(1e-7, result.LearningRates[0], 15);
            for (int i = 1; i < result.LearningRates.Count; i++)
            {
                Assert.True(result.LearningRates[i] > result.LearningRates[i - 1]);
            }

            Assert.Equal(0.01, adam.LearningRate);
            Assert.Equal(0, adam.StepCount);
            Assert.Equal(new[] { 0.0, 0.0 }, start);
            Assert.True(result.SuggestedLearningRate <= result.MinimumLossLearningRate);
        }

        [Fact]
        public void BadOptionsAreRejected()
        {
            Assert.Throws<ArgumentException>("options", () => LearningRateFinder.Run(new Sgd(0.1), LinearProblem.LossAndGradient, new double[2], LinearProblem.Data(), new LearningRateFinderOptions { MaxLearningRate = 1e-8 }));
            Assert.Throws<ArgumentException>("options", () => LearningRateFinder.Run(new Sgd(0.1), LinearProblem.LossAndGradient, new double[2], LinearProblem.Data(), new LearningRateFinderOptions { Smoothing = 1.0 }));
        }
    }
}
