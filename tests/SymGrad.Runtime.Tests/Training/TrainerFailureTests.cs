using System;
using System.IO;
using System.Linq;
using SymGrad.Data;
using SymGrad.Optimizers;
using SymGrad.Training;
using Xunit;

namespace SymGrad.Runtime.Tests.Training
{
    /// <summary>What a failing loss or a bad checkpoint path leaves behind.</summary>
    public class TrainerFailureTests
    {
        [Theory]
        [InlineData(1)]
        [InlineData(5)]
        [InlineData(11)]
        public void ALossThatThrowsLeavesParametersAndOptimizerAsBeforeThatStep(int failingCall)
        {
            var adam = new Adam(0.05);
            double[] p = { 0.3, -0.2 };
            double[]? parametersBefore = null;
            OptimizerState? stateBefore = null;
            int calls = 0;
            LossAndGradient loss = (w, batch, g) =>
            {
                if (++calls == failingCall)
                {
                    parametersBefore = w.ToArray();
                    stateBefore = adam.SaveState();
                    throw new InvalidOperationException("the model failed");
                }

                return LinearProblem.LossAndGradient(w, batch, g);
            };

            // 64 rows in batches of 8: call 11 is the third batch of epoch 2, mid-epoch.
            var trainer = new Trainer(adam, loss, new TrainerOptions { Epochs = 3, BatchSize = 8, Seed = 2 });
            Assert.Equal("the model failed", Assert.Throws<InvalidOperationException>(() => trainer.Fit(p, LinearProblem.Data())).Message);

            Assert.Equal(parametersBefore, p);
            OptimizerState after = adam.SaveState();
            Assert.Equal(stateBefore!.StepCount, after.StepCount);
            Assert.Equal(failingCall - 1, after.StepCount);
            foreach (string name in after.BufferNames)
            {
                Assert.Equal(stateBefore.GetBuffer(name).ToArray(), after.GetBuffer(name).ToArray());
            }

            // Training can continue from there: the optimizer accepts the same parameter vector.
            new Trainer(adam, LinearProblem.LossAndGradient, new TrainerOptions { Epochs = 1, BatchSize = 8 }).Fit(p, LinearProblem.Data());
        }

        [Fact]
        public void AnUnwritableCheckpointPathFailsBeforeTheFirstBatch()
        {
            using var dir = new Checkpoints.TemporaryDirectory();
            int calls = 0;
            LossAndGradient loss = (w, batch, g) =>
            {
                calls++;
                return LinearProblem.LossAndGradient(w, batch, g);
            };

            foreach (string path in new[] { dir.File("missing-folder/run.ckpt"), dir.Path })
            {
                var trainer = new Trainer(new Sgd(0.1), loss, new TrainerOptions { Epochs = 2, CheckpointPath = path });
                double[] p = { 0.0, 0.0 };
                Assert.Throws<IOException>(() => trainer.Fit(p, LinearProblem.Data()));
                Assert.Equal(0, calls);
                Assert.Equal(new[] { 0.0, 0.0 }, p);
            }
        }
    }
}
