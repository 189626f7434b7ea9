using System;
using SymGrad.Schedules;
using Xunit;

namespace SymGrad.Runtime.Tests.Schedules
{
    public class ScheduleTests
    {
        [Fact]
        public void ConstantKeepsTheRate()
        {
            var schedule = new ConstantSchedule();
            Assert.Equal(0.3, schedule.GetLearningRate(0, 0.3));
            Assert.Equal(0.3, schedule.GetLearningRate(99, 0.3));
        }

        [Fact]
        public void StepDecaysEveryStepSizeEpochs()
        {
            var schedule = new StepSchedule(stepSize: 3, gamma: 0.5);
            double[] expected = { 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25 };
            for (int e = 0; e < expected.Length; e++)
            {
                Assert.Equal(expected[e], schedule.GetLearningRate(e, 1.0), 15);
            }
        }

        [Fact]
        public void ExponentialMultipliesEveryEpoch()
        {
            var schedule = new ExponentialSchedule(0.9);
            Assert.Equal(0.2, schedule.GetLearningRate(0, 0.2), 15);
            Assert.Equal(0.2 * 0.729, schedule.GetLearningRate(3, 0.2), 15);
        }

        [Fact]
        public void CosineAnnealingFollowsTheHalfCosine()
        {
            var schedule = new CosineAnnealingSchedule(periodEpochs: 4, minLearningRate: 0.1);
            // 0.1 + 0.9 * (1 + cos(pi e / 4)) / 2 for e = 0..4: 1, 0.1 + 0.45 (1 + 1/sqrt 2), 0.55, 0.1 + 0.45 (1 - 1/sqrt 2), 0.1.
            Assert.Equal(1.0, schedule.GetLearningRate(0, 1.0), 15);
            Assert.Equal(0.1 + (0.45 * (1 + Math.Sqrt(0.5))), schedule.GetLearningRate(1, 1.0), 15);
            Assert.Equal(0.55, schedule.GetLearningRate(2, 1.0), 15);
            Assert.Equal(0.1 + (0.45 * (1 - Math.Sqrt(0.5))), schedule.GetLearningRate(3, 1.0), 15);
            Assert.Equal(0.1, schedule.GetLearningRate(4, 1.0), 15);
            Assert.Equal(0.1, schedule.GetLearningRate(10, 1.0), 15);
        }

        [Fact]
        public void LinearWarmupRampsThenHandsOver()
        {
            var schedule = new LinearWarmupSchedule(warmupEpochs: 4, startFactor: 0.2, after: new ExponentialSchedule(0.5));
            // 0.2 + 0.8 e / 4 for e < 4, then lr0 * 0.5^(e - 4).
            Assert.Equal(0.2, schedule.GetLearningRate(0, 1.0), 15);
            Assert.Equal(0.4, schedule.GetLearningRate(1, 1.0), 15);
            Assert.Equal(0.8, schedule.GetLearningRate(3, 1.0), 15);
            Assert.Equal(1.0, schedule.GetLearningRate(4, 1.0), 15);
            Assert.Equal(0.25, schedule.GetLearningRate(6, 1.0), 15);
            Assert.Equal(2.0, new LinearWarmupSchedule(2, 0.5).GetLearningRate(5, 2.0));
        }

        [Fact]
        public void ReduceOnPlateauWaitsForPatienceThenCoolsDown()
        {
            var schedule = new ReduceOnPlateauSchedule(factor: 0.5, patience: 2, cooldown: 1);
            double[] metrics = { 1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.5 };
            // Epoch index:      0    1    2    3    4    5    6    7    8
            // bad epochs after: 0    0    1    2    3->reduce (cooldown 1)
            // epoch 5: cooldown resets the count; 6: 1; 7: 2; 8: improvement.
            double[] expectedAfter = { 1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5 };
            for (int e = 0; e < metrics.Length; e++)
            {
                schedule.GetLearningRate(e, 1.0);
                schedule.ReportMetric(e, metrics[e]);
                Assert.Equal(expectedAfter[e], schedule.GetLearningRate(e + 1, 1.0));
            }

            Assert.Equal(1, schedule.Reductions);
        }

        [Fact]
        public void ReduceOnPlateauRespectsThresholdAndMinimum()
        {
            var schedule = new ReduceOnPlateauSchedule(factor: 0.1, patience: 0, threshold: 0.1, minLearningRate: 0.05);
            schedule.GetLearningRate(0, 1.0);
            schedule.ReportMetric(0, 1.0);
            schedule.ReportMetric(1, 0.95); // not below 1.0 * (1 - 0.1): a bad epoch, more than patience 0
            Assert.Equal(0.1, schedule.GetLearningRate(2, 1.0), 15);
            schedule.ReportMetric(2, 0.95);
            Assert.Equal(0.05, schedule.GetLearningRate(3, 1.0), 15);
            schedule.ReportMetric(3, 0.95);
            Assert.Equal(0.05, schedule.GetLearningRate(4, 1.0), 15);
        }

        [Fact]
        public void BadArgumentsAreRejected()
        {
            Assert.Throws<ArgumentOutOfRangeException>("stepSize", () => new StepSchedule(0));
            Assert.Throws<ArgumentOutOfRangeException>("gamma", () => new ExponentialSchedule(double.NaN));
            Assert.Throws<ArgumentOutOfRangeException>("periodEpochs", () => new CosineAnnealingSchedule(0));
            Assert.Throws<ArgumentOutOfRangeException>("startFactor", () => new LinearWarmupSchedule(3, 0.0));
            Assert.Throws<ArgumentOutOfRangeException>("factor", () => new ReduceOnPlateauSchedule(factor: 1.0));
            Assert.Throws<ArgumentOutOfRangeException>("epoch", () => new ConstantSchedule().GetLearningRate(-1, 0.1));
            Assert.Throws<ArgumentOutOfRangeException>("initialLearningRate", () => new ConstantSchedule().GetLearningRate(0, double.NaN));
            Assert.Throws<ArgumentException>("metric", () => new ReduceOnPlateauSchedule().ReportMetric(0, double.NaN));
        }
    }
}
