using System;
using SymGrad;
using SymGrad.Data;
using SymGrad.Multiclass;
using Xunit;

namespace SymGrad.Runtime.Tests.Multiclass
{
    public class ReferenceModelGradientTests
    {
        private static Batch IrisBatch(int rows)
        {
            (DataSet train, DataSet _) = TestData.StandardisedSplit(TestData.Iris, seed: 5);
            var batch = new Batch(rows, train.FeatureCount);
            var indices = new int[rows];
            for (int i = 0; i < rows; i++)
            {
                indices[i] = i;
            }

            batch.Fill(train, indices);
            return batch;
        }

        private static double[] Parameters(int count)
        {
            var p = new double[count];
            for (int i = 0; i < count; i++)
            {
                p[i] = Math.Sin(1.7 * i) * 0.8;
            }

            return p;
        }

        [Fact]
        public void SoftmaxGradientPassesGradientCheck()
        {
            Batch batch = IrisBatch(20);
            var loss = SoftmaxRegressionModel.CreateLossAndGradient(3, l2: 0.1);
            double[] p = Parameters(SoftmaxRegressionModel.ParameterCount(3, 4));
            double[] g = new double[p.Length];
            loss(p, batch, g);
            GradientCheck.Compare(w => loss(w, batch, new double[w.Length]), p, g).ThrowIfFailed();
        }

        [Fact]
        public void LogisticGradientPassesGradientCheck()
        {
            Batch batch = IrisBatch(30);
            double[] targets = new double[30];
            var binary = new DataSet(batch.Features.ToArray(), targets, 4, 2);
            for (int i = 0; i < 30; i++)
            {
                targets[i] = batch.Targets[i] == 1 ? 1 : 0;
            }

            Batch binaryBatch = Batch.FromDataSet(binary);
            var loss = LogisticRegressionModel.CreateLossAndGradient(l2: 0.05);
            double[] p = Parameters(5);
            double[] g = new double[5];
            loss(p, binaryBatch, g);
            GradientCheck.Compare(w => loss(w, binaryBatch, new double[5]), p, g).ThrowIfFailed();
        }

        [Fact]
        public void SoftmaxLossAtZeroIsLogK()
        {
            Batch batch = IrisBatch(10);
            double loss = SoftmaxRegressionModel.CreateLossAndGradient(3)(new double[15], batch, new double[15]);
            Assert.Equal(Math.Log(3), loss, 14);
        }
    }
}
