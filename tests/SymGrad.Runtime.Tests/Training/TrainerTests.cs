using System;
using System.Linq;
using SymGrad.Checkpoints;
using SymGrad.Data;
using SymGrad.Optimizers;
using SymGrad.Schedules;
using SymGrad.Training;
using Xunit;

namespace SymGrad.Runtime.Tests.Training
{
    public class TrainerTests
    {
        [Fact]
        public void FitsALineAndReportsEveryEpoch()
        {
            double[] p = new double[2];
            var progress = new ListProgress<EpochProgress>();
            var trainer = new Trainer(new Sgd(0.1, momentum: 0.9), LinearProblem.LossAndGradient, new TrainerOptions { Epochs = 40, BatchSize = 8, Seed = 3 });
            TrainingResult result = trainer.Fit(p, LinearProblem.Data(), progress);

            Assert.Equal(StopReason.Completed, result.StopReason);
            Assert.Equal(2.0, p[0], 4);
            Assert.Equal(1.0, p[1], 4);
            Assert.Equal(Enumerable.Range(1, 40), progress.Reports.Select(r => r.Epoch));
            Assert.All(progress.Reports, r => Assert.Equal(40, r.TotalEpochs));
            Assert.All(progress.Reports, r => Assert.Equal(0.1, r.LearningRate));
            Assert.All(progress.Reports, r => Assert.True(r.SamplesPerSecond > 0));
            Assert.True(progress.Reports[^1].TrainingLoss < 1e-8 * progress.Reports[0].TrainingLoss + 1e-8);
            Assert.Null(progress.Reports[0].ValidationMetric);
        }

        [Fact]
        public void SeedDeterminesTheTrajectory()
        {
            double[] Run(int seed)
            {
                double[] p = new double[2];
                new Trainer(new Adam(0.05), LinearProblem.LossAndGradient, new TrainerOptions { Epochs = 3, BatchSize = 5, Seed = seed }).Fit(p, LinearProblem.Data());
                return p;
            }

            Assert.Equal(Run(11), Run(11));
            Assert.NotEqual(Run(11), Run(12));
        }

        [Fact]
        public void DivergenceStopsNamesTheEpochAndKeepsTheLastGoodParameters()
        {
            // The loss is fine for 2 epochs (8 batches each) and the first 3 batches of the 3rd, then NaN in batch 4.
            int calls = 0;
            LossAndGradient flaky = (p, b, g) =>
            {
                double loss = LinearProblem.LossAndGradient(p, b, g);
                return ++calls > 19 ? double.NaN : loss;
            };

            var options = new TrainerOptions { Epochs = 10, BatchSize = 8, Seed = 4 };
            double[] p = new double[2];
            var optimizer = new Sgd(0.05, momentum: 0.5);
            TrainingResult result = new Trainer(optimizer, flaky, options).Fit(p, LinearProblem.Data());

            double[] expected = new double[2];
            var reference = new Sgd(0.05, momentum: 0.5);
            new Trainer(reference, LinearProblem.LossAndGradient, options with { Epochs = 2 }).Fit(expected, LinearProblem.Data());

            Assert.Equal(StopReason.Diverged, result.StopReason);
            Assert.Contains("epoch 3 (batch 4)", result.Message);
            Assert.Contains("smaller learning rate", result.Message);
            Assert.Contains("NaN", result.Message);
            Assert.Equal(2, result.EpochsRun);
            Assert.Equal(expected, p);
            Assert.Equal(16, optimizer.StepCount);
            Assert.Equal(reference.SaveState().GetBuffer("momentum_buffer").ToArray(), optimizer.SaveState().GetBuffer("momentum_buffer").ToArray());
        }

        [Fact]
        public void TooLargeALearningRateIsCaughtAsDivergence()
        {
            double[] p = new double[2];
            TrainingResult result = new Trainer(new Sgd(5.0), LinearProblem.LossAndGradient, new TrainerOptions { Epochs = 200, BatchSize = 64 }).Fit(p, LinearProblem.Data());
            Assert.True(result.Diverged);
            Assert.Contains("smaller learning rate than 5", result.Message);
            Assert.All(p, v => Assert.True(double.IsFinite(v)));
        }

        [Fact]
        public void EarlyStoppingRestoresTheBestEpoch()
        {
            double[] scores = { 5, 4, 3, 3.5, 3.6, 3.7, 3.8, 3.9 };
            int epoch = 0;
            var options = new TrainerOptions
            {
                Epochs = 8,
                BatchSize = 8,
                Seed = 2,
                EarlyStoppingPatience = 2,
                ValidationMetric = (p, v) => scores[epoch++],
            };
            DataSet data = LinearProblem.Data();
            double[] p = new double[2];
            TrainingResult result = new Trainer(new Sgd(0.01), LinearProblem.LossAndGradient, options).FitWithValidation(p, data, data);

            double[] expected = new double[2];
            new Trainer(new Sgd(0.01), LinearProblem.LossAndGradient, new TrainerOptions { Epochs = 3, BatchSize = 8, Seed = 2 }).Fit(expected, data);

            Assert.Equal(StopReason.EarlyStopped, result.StopReason);
            Assert.Equal(5, result.EpochsRun);
            Assert.Equal(3, result.BestEpoch);
            Assert.Equal(3.0, result.BestValidationMetric);
            Assert.Equal(expected, p);
        }

        [Fact]
        public void ValidationSplitReportsValidationLoss()
        {
            var progress = new ListProgress<EpochProgress>();
            double[] p = new double[2];
            var options = new TrainerOptions { Epochs = 5, BatchSize = 8, ValidationFraction = 0.25 };
            TrainingResult result = new Trainer(new Adam(0.1), LinearProblem.LossAndGradient, options).Fit(p, LinearProblem.Data(), progress);
            Assert.All(progress.Reports, r => Assert.NotNull(r.ValidationMetric));
            Assert.True(progress.Reports[^1].ValidationMetric < progress.Reports[0].ValidationMetric);
            Assert.NotNull(result.BestValidationMetric);
        }

        [Fact]
        public void ScheduleSetsTheRateEachEpoch()
        {
            var progress = new ListProgress<EpochProgress>();
            var optimizer = new Sgd(0.1);
            var options = new TrainerOptions { Epochs = 4, BatchSize = 16, Schedule = new StepSchedule(2, 0.5) };
            new Trainer(optimizer, LinearProblem.LossAndGradient, options).Fit(new double[2], LinearProblem.Data(), progress);
            Assert.Equal(new[] { 0.1, 0.1, 0.05, 0.05 }, progress.Reports.Select(r => r.LearningRate));
        }

        [Fact]
        public void WritesACheckpointEveryEpoch()
        {
            using var dir = new Checkpoints.TemporaryDirectory();
            string path = dir.File("train.ckpt");
            var optimizer = new Adam(0.05);
            double[] p = new double[2];
            new Trainer(optimizer, LinearProblem.LossAndGradient, new TrainerOptions { Epochs = 3, BatchSize = 16, CheckpointPath = path }).Fit(p, LinearProblem.Data());
            Checkpoint checkpoint = CheckpointFile.Default.Load(path);
            Assert.Equal(3, checkpoint.Epoch);
            Assert.Equal(p, checkpoint.Parameters.ToArray());
            Assert.Equal(12, checkpoint.OptimizerState!.StepCount);
        }

        [Fact]
        public void CancellationKeepsTheLastCompletedEpoch()
        {
            using var cancel = new System.Threading.CancellationTokenSource();
            var progress = new SynchronousProgress<EpochProgress>(r =>
            {
                if (r.Epoch == 2)
                {
                    cancel.Cancel();
                }
            });
            double[] p = new double[2];
            var options = new TrainerOptions { Epochs = 10, BatchSize = 8, Seed = 6 };
            TrainingResult result = new Trainer(new Sgd(0.05), LinearProblem.LossAndGradient, options).Fit(p, LinearProblem.Data(), progress, cancel.Token);

            double[] expected = new double[2];
            new Trainer(new Sgd(0.05), LinearProblem.LossAndGradient, options with { Epochs = 2 }).Fit(expected, LinearProblem.Data());
            Assert.Equal(StopReason.Cancelled, result.StopReason);
            Assert.Equal(2, result.EpochsRun);
            Assert.Equal(expected, p);
        }

        /// <summary>The shape of a generated gradient: loss of y ~ w0 x + w1 over m rows of n = 1 feature.</summary>
        private static double GeneratedShapeLossGradient(ReadOnlySpan<double> w, ReadOnlySpan<double> x, ReadOnlySpan<double> y, int m, int n, Span<double> dw)
        {
            double loss = 0.0;
            dw.Clear();
            for (int i = 0; i < m; i++)
            {
                double r = (w[0] * x[i * n]) + w[1] - y[i];
                loss += r * r / m;
                dw[0] += 2 * r * x[i * n] / m;
                dw[1] += 2 * r / m;
            }

            return loss;
        }

        [Fact]
        public void GeneratedShapedGradientAdaptsWithOneLambda()
        {
            LossAndGradient f = (w, b, dw) => GeneratedShapeLossGradient(w, b.Features, b.Targets, b.RowCount, b.FeatureCount, dw);
            double[] p = new double[2];
            new Trainer(new Adam(0.1), f, new TrainerOptions { Epochs = 60, BatchSize = 16 }).Fit(p, LinearProblem.Data());
            Assert.Equal(2.0, p[0], 2);
            Assert.Equal(1.0, p[1], 2);
        }

        [Fact]
        public void BadOptionsAreRejected()
        {
            Assert.Throws<ArgumentException>("options", () => new Trainer(new Sgd(0.1), LinearProblem.LossAndGradient, new TrainerOptions { BatchSize = 0 }));
            Assert.Throws<ArgumentException>("options", () => new Trainer(new Sgd(0.1), LinearProblem.LossAndGradient, new TrainerOptions { ValidationFraction = 1.0 }));
            var trainer = new Trainer(new Sgd(0.1), LinearProblem.LossAndGradient, new TrainerOptions { EarlyStoppingPatience = 3 });
            Assert.Throws<ArgumentException>("validation", () => trainer.Fit(new double[2], LinearProblem.Data()));
            Assert.Throws<ArgumentException>("parameters", () => new Trainer(new Sgd(0.1), LinearProblem.LossAndGradient).Fit(new[] { double.NaN, 0 }, LinearProblem.Data()));
        }
    }
}
