using System;
using System.Linq;
using SymGrad.Checkpoints;
using SymGrad.Optimizers;
using SymGrad.Runtime.Tests.Training;
using SymGrad.Training;
using Xunit;

namespace SymGrad.Runtime.Tests.Floats
{
    /// <summary>
    /// <c>float</c> parameters through the runtime (docs/single-precision.md): optimizers step in <c>double</c> and round
    /// once, checkpoints refuse to round silently, the trainer trains <c>double</c> master weights for a <c>float</c>
    /// model and rounds them back, and the gradient check works in <c>float</c>.
    /// </summary>
    public sealed class SingleTrainingTests
    {
        /// <summary>y = 2 x + 1 in float: the linear problem's loss and gradient.</summary>
        private static float Linear(ReadOnlySpan<float> p, SingleBatch batch, Span<float> g)
        {
            float loss = 0f;
            for (int i = 0; i < batch.RowCount; i++)
            {
                float x = batch.Features[i];
                float r = (p[0] * x) + p[1] - batch.Targets[i];
                loss += r * r;
                g[0] += 2 * r * x / batch.RowCount;
                g[1] += 2 * r / batch.RowCount;
            }

            return loss / batch.RowCount;
        }

        [Fact]
        public void AFloatStepIsTheDoubleStepRoundedOnce()
        {
            float[] p = { 0.3f, -1.7f, 2.5f };
            float[] g = { 0.01f, -3f, 0.4f };
            double[] wide = p.Select(v => (double)v).ToArray();
            var single = new Adam(0.1);
            var reference = new Adam(0.1);
            for (int step = 0; step < 3; step++)
            {
                single.Step(p.AsSpan(), g);
                reference.Step(wide.AsSpan(), g.Select(v => (double)v).ToArray());
                wide = wide.Select(v => (double)(float)v).ToArray();
            }

            Assert.Equal(wide.Select(v => (float)v), p);
        }

        [Fact]
        public void ANonFiniteFloatGradientChangesNothing()
        {
            float[] p = { 1f, 2f };
            var sgd = new Sgd(0.1);
            Assert.Throws<ArgumentException>(() => sgd.Step(p.AsSpan(), new[] { 1f, float.NaN }));
            Assert.Equal(new[] { 1f, 2f }, p);
            Assert.Equal(0, sgd.StepCount);
            Assert.Throws<ArgumentException>(() => sgd.Step(p.AsSpan(), new[] { 1f }));
        }

        [Fact]
        public void AFloatCheckpointRoundTripsAndADoubleOneIsNotRoundedSilently()
        {
            float[] p = { 0.1f, -3.25f, float.MaxValue };
            var checkpoint = new Checkpoint(p, epoch: 2);
            float[] restored = new float[3];
            checkpoint.Restore(restored);
            Assert.Equal(p, restored);

            var fromDouble = new Checkpoint(new[] { 0.1, 1.0, 2.0 });
            float[] destination = { 7f, 8f, 9f };
            Assert.Contains("double", Assert.Throws<ArgumentException>(() => fromDouble.Restore(destination)).Message);
            Assert.Equal(new[] { 7f, 8f, 9f }, destination);
        }

        [Fact]
        public void TheTrainerFitsAFloatModelAndRoundsTheMasterWeightsBack()
        {
            float[] p = { 0f, 0f };
            var trainer = new Trainer(new Adam(0.05), SinglePrecision.LossAndGradient(Linear), new TrainerOptions { Epochs = 60, BatchSize = 16, Seed = 3 });

            TrainingResult result = trainer.Fit(p, LinearProblem.Data());

            Assert.Equal(60, result.EpochsRun);
            Assert.Equal(2.0, p[0], 1);
            Assert.Equal(1.0, p[1], 1);
        }

        [Fact]
        public void ShardedFloatTrainingIsTheSameForAnyDegreeOfParallelism()
        {
            float[] one = { 0.5f, -0.5f };
            float[] two = { 0.5f, -0.5f };
            foreach ((float[] p, int degree) in new[] { (one, 1), (two, 2) })
            {
                var options = new TrainerOptions { Epochs = 5, BatchSize = 64, Seed = 4, Parallel = new ShardedGradientOptions { DegreeOfParallelism = degree, ShardRows = 8 } };
                new Trainer(new Sgd(0.1), SinglePrecision.LossAndGradient(Linear), options).Fit(p, LinearProblem.Data());
            }

            Assert.Equal(one, two);
        }

        [Fact]
        public void TheGradientCheckWorksInFloat()
        {
            static float F(float[] x) => (x[0] * x[0] * x[1]) + MathF.Sin(x[1]);
            float[] point = { 1.5f, -0.5f };
            float[] right = { 2 * 1.5f * -0.5f, (1.5f * 1.5f) + MathF.Cos(-0.5f) };

            Assert.True(GradientCheck.Compare(F, point, right).Passed);
            Assert.False(GradientCheck.Compare(F, point, new[] { right[0] * 1.05f, right[1] }).Passed);
            Assert.Throws<ArgumentException>(() => GradientCheck.CentralDifferences(F, new[] { 1e30f, 0f }, 4e-3));
        }
    }
}
