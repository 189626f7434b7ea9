using System;
using SymGrad.Data;
using SymGrad.Optimizers;
using SymGrad.Training;

namespace SymGrad.Multiclass
{
    /// <summary>
    /// Softmax (multinomial logistic) regression, a hand-written reference model. Parameters are K rows of n weights followed by
    /// a bias, row-major: class k uses parameters[k * (n + 1) .. k * (n + 1) + n]. With z_k = w_k . x + b_k the loss is the
    /// mean cross-entropy mean(logsumexp(z) - z_y) (computed stably), plus (l2 / 2) * sum |w_k|^2 when l2 &gt; 0; its gradient
    /// for class k is mean((softmax(z)_k - [y = k]) x) (+ l2 w_k) and mean(softmax(z)_k - [y = k]) for the bias.
    /// </summary>
    public sealed class SoftmaxRegressionModel : IMulticlassClassifier
    {
        private readonly double[] parameters;

        /// <summary>Wraps trained parameters (copied).</summary>
        /// <param name="parameters">classCount * (featureCount + 1) values.</param>
        /// <param name="classCount">The number of classes (at least 2).</param>
        /// <param name="featureCount">The number of features (positive).</param>
        public SoftmaxRegressionModel(ReadOnlySpan<double> parameters, int classCount, int featureCount)
        {
            CheckShape(classCount, featureCount);
            if (parameters.Length != ParameterCount(classCount, featureCount))
            {
                throw new ArgumentException($"{classCount} classes and {featureCount} features need {ParameterCount(classCount, featureCount)} parameters, not {parameters.Length}.", nameof(parameters));
            }

            this.parameters = parameters.ToArray();
            ClassCount = classCount;
            FeatureCount = featureCount;
        }

        /// <inheritdoc />
        public int ClassCount { get; }

        /// <inheritdoc />
        public int FeatureCount { get; }

        /// <summary>The parameters, row-major by class.</summary>
        public ReadOnlySpan<double> Parameters => parameters;

        /// <summary>The number of parameters: classCount * (featureCount + 1).</summary>
        /// <param name="classCount">The number of classes.</param>
        /// <param name="featureCount">The number of features.</param>
        /// <returns>The parameter count.</returns>
        public static int ParameterCount(int classCount, int featureCount) => classCount * (featureCount + 1);

        /// <summary>Returns the loss-and-gradient delegate for <paramref name="classCount"/> classes. The delegate reuses a private scratch buffer, so do not call one instance from several threads at once.</summary>
        /// <param name="classCount">The number of classes (at least 2).</param>
        /// <param name="l2">The L2 penalty on the weights (not the biases), non-negative.</param>
        /// <returns>The delegate for <see cref="Trainer"/>.</returns>
        public static LossAndGradient CreateLossAndGradient(int classCount, double l2 = 0.0)
        {
            if (classCount < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "Softmax regression needs at least two classes.");
            }

            if (!double.IsFinite(l2) || l2 < 0.0)
            {
                throw new ArgumentOutOfRangeException(nameof(l2), l2, "The L2 penalty must be finite and non-negative.");
            }

            double[] logits = new double[classCount];
            return (p, b, g) => LossAndGradient(p, b, g, classCount, l2, logits);
        }

        /// <summary>Trains a model from zero parameters.</summary>
        /// <param name="data">A classification data set.</param>
        /// <param name="optimizer">A fresh optimizer.</param>
        /// <param name="options">Trainer settings; null means the defaults.</param>
        /// <param name="l2">The L2 penalty on the weights.</param>
        /// <returns>The trained model.</returns>
        public static SoftmaxRegressionModel Train(DataSet data, IOptimizer optimizer, TrainerOptions? options = null, double l2 = 0.0)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (data.ClassCount < 2)
            {
                throw new ArgumentException("Softmax regression needs a classification data set with at least two classes.", nameof(data));
            }

            var parameters = new double[ParameterCount(data.ClassCount, data.FeatureCount)];
            TrainingResult result = new Trainer(optimizer, CreateLossAndGradient(data.ClassCount, l2), options).Fit(parameters, data);
            if (result.Diverged)
            {
                throw new InvalidOperationException(result.Message);
            }

            return new SoftmaxRegressionModel(parameters, data.ClassCount, data.FeatureCount);
        }

        /// <summary>Writes the class probabilities softmax(z) of one row.</summary>
        /// <param name="features">One row of features.</param>
        /// <param name="probabilities">Receives ClassCount probabilities.</param>
        public void PredictProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
        {
            CheckRow(features);
            if (probabilities.Length != ClassCount)
            {
                throw new ArgumentException($"The destination needs {ClassCount} entries, not {probabilities.Length}.", nameof(probabilities));
            }

            Logits(parameters, features, probabilities);
            Softmax(probabilities);
        }

        /// <inheritdoc />
        public int Predict(ReadOnlySpan<double> features)
        {
            CheckRow(features);
            Span<double> z = ClassCount <= 64 ? stackalloc double[ClassCount] : new double[ClassCount];
            Logits(parameters, features, z);
            int best = 0;
            for (int k = 1; k < z.Length; k++)
            {
                if (z[k] > z[best])
                {
                    best = k;
                }
            }

            return best;
        }

        private void CheckRow(ReadOnlySpan<double> features)
        {
            if (features.Length != FeatureCount)
            {
                throw new ArgumentException($"The model expects {FeatureCount} features but the row has {features.Length}.", nameof(features));
            }
        }

        private static void CheckShape(int classCount, int featureCount)
        {
            if (classCount < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "Softmax regression needs at least two classes.");
            }

            if (featureCount <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "There must be at least one feature.");
            }
        }

        private static void Logits(ReadOnlySpan<double> parameters, ReadOnlySpan<double> x, Span<double> z)
        {
            int n = x.Length;
            for (int k = 0; k < z.Length; k++)
            {
                ReadOnlySpan<double> w = parameters.Slice(k * (n + 1), n + 1);
                double s = w[n];
                for (int j = 0; j < n; j++)
                {
                    s += w[j] * x[j];
                }

                z[k] = s;
            }
        }

        /// <summary>Replaces z by softmax(z) and returns logsumexp(z).</summary>
        private static double Softmax(Span<double> z)
        {
            double max = double.NegativeInfinity;
            foreach (double v in z)
            {
                max = Math.Max(max, v);
            }

            double sum = 0.0;
            for (int k = 0; k < z.Length; k++)
            {
                z[k] = Math.Exp(z[k] - max);
                sum += z[k];
            }

            for (int k = 0; k < z.Length; k++)
            {
                z[k] /= sum;
            }

            return max + Math.Log(sum);
        }

        private static double LossAndGradient(ReadOnlySpan<double> parameters, Batch batch, Span<double> gradient, int classCount, double l2, double[] logits)
        {
            int n = batch.FeatureCount;
            int count = ParameterCount(classCount, n);
            if (parameters.Length != count || gradient.Length != count)
            {
                throw new ArgumentException($"Softmax regression with {classCount} classes on {n} features needs {count} parameters and gradient entries, not {parameters.Length} and {gradient.Length}.", nameof(parameters));
            }

            int m = batch.RowCount;
            ReadOnlySpan<double> x = batch.Features;
            ReadOnlySpan<double> y = batch.Targets;
            Span<double> z = logits;
            gradient.Clear();
            double loss = 0.0;
            for (int i = 0; i < m; i++)
            {
                ReadOnlySpan<double> row = x.Slice(i * n, n);
                int label = (int)y[i];
                if (label < 0 || label >= classCount || label != y[i])
                {
                    throw new ArgumentException($"Row {i} of the batch has label {y[i]}, not a class in [0, {classCount}).", nameof(batch));
                }

                Logits(parameters, row, z);
                double zy = z[label];
                double logSumExp = Softmax(z);
                loss += logSumExp - zy;
                for (int k = 0; k < classCount; k++)
                {
                    double residual = z[k] - (k == label ? 1.0 : 0.0);
                    Span<double> g = gradient.Slice(k * (n + 1), n + 1);
                    for (int j = 0; j < n; j++)
                    {
                        g[j] += residual * row[j];
                    }

                    g[n] += residual;
                }
            }

            double scale = 1.0 / m;
            loss *= scale;
            for (int j = 0; j < count; j++)
            {
                gradient[j] *= scale;
            }

            if (l2 > 0.0)
            {
                for (int k = 0; k < classCount; k++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        double w = parameters[(k * (n + 1)) + j];
                        loss += 0.5 * l2 * w * w;
                        gradient[(k * (n + 1)) + j] += l2 * w;
                    }
                }
            }

            return loss;
        }
    }
}
