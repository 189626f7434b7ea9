using System;
using SymGrad.Data;
using SymGrad.Optimizers;
using SymGrad.Training;

namespace SymGrad.Multiclass
{
    /// <summary>
    /// Binary logistic regression, a hand-written reference model (until generated gradients over arrays exist).
    /// Parameters are n weights followed by the bias: p(y = 1 | x) = sigmoid(w . x + b). The loss is the mean binary
    /// cross-entropy over the batch, mean(softplus(z) - y z) with z = w . x + b, plus (l2 / 2) * |w|^2 when l2 &gt; 0 (the bias is
    /// not penalised); its gradient is mean((sigmoid(z) - y) x) (+ l2 w) and mean(sigmoid(z) - y) for the bias.
    /// </summary>
    public sealed class LogisticRegressionModel : IBinaryClassifier, IMulticlassClassifier
    {
        private readonly double[] parameters;

        /// <summary>Wraps trained parameters (copied).</summary>
        /// <param name="parameters">featureCount weights followed by the bias.</param>
        public LogisticRegressionModel(ReadOnlySpan<double> parameters)
        {
            if (parameters.Length < 2)
            {
                throw new ArgumentException("Logistic regression needs at least one weight and a bias.", nameof(parameters));
            }

            this.parameters = parameters.ToArray();
        }

        /// <summary>The number of features.</summary>
        public int FeatureCount => parameters.Length - 1;

        /// <summary>Always 2.</summary>
        public int ClassCount => 2;

        /// <summary>The weights followed by the bias.</summary>
        public ReadOnlySpan<double> Parameters => parameters;

        /// <summary>The number of parameters for <paramref name="featureCount"/> features (featureCount + 1).</summary>
        /// <param name="featureCount">The number of features.</param>
        /// <returns>The parameter count.</returns>
        public static int ParameterCount(int featureCount) => featureCount + 1;

        /// <summary>The mean cross-entropy loss and its gradient, without regularisation.</summary>
        /// <param name="parameters">featureCount weights followed by the bias.</param>
        /// <param name="batch">A batch with 0/1 targets.</param>
        /// <param name="gradient">Receives the gradient (overwritten).</param>
        /// <returns>The mean loss.</returns>
        public static double LossAndGradient(ReadOnlySpan<double> parameters, Batch batch, Span<double> gradient) =>
            LossAndGradient(parameters, batch, gradient, 0.0);

        /// <summary>Returns the loss-and-gradient delegate with an L2 penalty (l2 / 2) |w|^2 on the weights.</summary>
        /// <param name="l2">The penalty strength, non-negative.</param>
        /// <returns>The delegate for <see cref="Trainer"/>.</returns>
        public static LossAndGradient CreateLossAndGradient(double l2 = 0.0)
        {
            if (!double.IsFinite(l2) || l2 < 0.0)
            {
                throw new ArgumentOutOfRangeException(nameof(l2), l2, "The L2 penalty must be finite and non-negative.");
            }

            return (p, b, g) => LossAndGradient(p, b, g, l2);
        }

        /// <summary>Trains a model on 0/1-labelled data, starting from zero parameters.</summary>
        /// <param name="data">Data with targets 0 and 1.</param>
        /// <param name="optimizer">A fresh optimizer.</param>
        /// <param name="options">Trainer settings; null means the defaults.</param>
        /// <param name="l2">The L2 penalty on the weights.</param>
        /// <returns>The trained model.</returns>
        public static LogisticRegressionModel Train(DataSet data, IOptimizer optimizer, TrainerOptions? options = null, double l2 = 0.0)
        {
            ArgumentNullException.ThrowIfNull(data);
            var parameters = new double[ParameterCount(data.FeatureCount)];
            TrainingResult result = new Trainer(optimizer, CreateLossAndGradient(l2), options).Fit(parameters, data);
            if (result.Diverged)
            {
                throw new InvalidOperationException(result.Message);
            }

            return new LogisticRegressionModel(parameters);
        }

        /// <summary>A <see cref="BinaryTrainer"/> that trains this model with a fresh optimizer per sub-problem.</summary>
        /// <param name="optimizerFactory">Creates a new optimizer for each call.</param>
        /// <param name="options">Trainer settings; null means the defaults.</param>
        /// <param name="l2">The L2 penalty on the weights.</param>
        /// <returns>The trainer delegate.</returns>
        public static BinaryTrainer CreateTrainer(Func<IOptimizer> optimizerFactory, TrainerOptions? options = null, double l2 = 0.0)
        {
            ArgumentNullException.ThrowIfNull(optimizerFactory);
            return data => Train(data, optimizerFactory(), options, l2);
        }

        /// <summary>sigmoid(w . x + b).</summary>
        /// <param name="features">One row of features.</param>
        /// <returns>The probability of class 1.</returns>
        public double PredictProbability(ReadOnlySpan<double> features) => SymMath.Sigmoid(Score(features));

        /// <summary>1 when the probability of class 1 is at least 0.5, else 0.</summary>
        /// <param name="features">One row of features.</param>
        /// <returns>0 or 1.</returns>
        public int Predict(ReadOnlySpan<double> features) => Score(features) >= 0.0 ? 1 : 0;

        private double Score(ReadOnlySpan<double> features)
        {
            if (features.Length != FeatureCount)
            {
                throw new ArgumentException($"The model expects {FeatureCount} features but the row has {features.Length}.", nameof(features));
            }

            return Linear(parameters, features);
        }

        private static double Linear(ReadOnlySpan<double> parameters, ReadOnlySpan<double> x)
        {
            int n = x.Length;
            double z = parameters[n];
            for (int j = 0; j < n; j++)
            {
                z += parameters[j] * x[j];
            }

            return z;
        }

        private static double LossAndGradient(ReadOnlySpan<double> parameters, Batch batch, Span<double> gradient, double l2)
        {
            int n = batch.FeatureCount;
            if (parameters.Length != n + 1 || gradient.Length != n + 1)
            {
                throw new ArgumentException($"Logistic regression on {n} features needs {n + 1} parameters and gradient entries, not {parameters.Length} and {gradient.Length}.", nameof(parameters));
            }

            int m = batch.RowCount;
            ReadOnlySpan<double> x = batch.Features;
            ReadOnlySpan<double> y = batch.Targets;
            gradient.Clear();
            double loss = 0.0;
            for (int i = 0; i < m; i++)
            {
                ReadOnlySpan<double> row = x.Slice(i * n, n);
                double z = Linear(parameters, row);
                loss += SymMath.Softplus(z) - (y[i] * z);
                double residual = SymMath.Sigmoid(z) - y[i];
                for (int j = 0; j < n; j++)
                {
                    gradient[j] += residual * row[j];
                }

                gradient[n] += residual;
            }

            double scale = 1.0 / m;
            loss *= scale;
            for (int j = 0; j <= n; j++)
            {
                gradient[j] *= scale;
            }

            if (l2 > 0.0)
            {
                for (int j = 0; j < n; j++)
                {
                    loss += 0.5 * l2 * parameters[j] * parameters[j];
                    gradient[j] += l2 * parameters[j];
                }
            }

            return loss;
        }
    }
}
