using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using SymGrad.Checkpoints;
using SymGrad.Data;
using SymGrad.Optimizers;

namespace SymGrad.Training
{
    /// <summary>
    /// Runs mini-batch training: seeded shuffling, an optional validation split, early stopping, a per-epoch learning-rate
    /// schedule, progress reporting, per-epoch checkpoints and a divergence guard that stops on a NaN/infinite/exploding loss
    /// and restores the last good parameters.
    /// </summary>
    /// <remarks>
    /// When the loss, the validation metric, the schedule or the progress callback throws, the exception propagates unchanged and
    /// the parameters and the optimizer state are exactly those after the last completed step, as they were before the step
    /// that failed: the loss only reads the parameters, and the optimizer steps only after the loss and the gradient passed the
    /// divergence checks. The built-in optimizers validate their arguments before changing anything; a custom
    /// <see cref="IOptimizer"/> that throws part-way through its update is not rolled back. A <see cref="TrainerOptions.CheckpointPath"/>
    /// is checked for writability when training starts, before the first batch.
    /// </remarks>
    public sealed class Trainer
    {
        private readonly IOptimizer optimizer;
        private readonly LossAndGradient lossAndGradient;

        /// <summary>Creates a trainer.</summary>
        /// <param name="optimizer">The optimizer; it must be used for one parameter vector only.</param>
        /// <param name="lossAndGradient">The batch loss and gradient.</param>
        /// <param name="options">The settings; null means the defaults.</param>
        public Trainer(IOptimizer optimizer, LossAndGradient lossAndGradient, TrainerOptions? options = null)
        {
            this.optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
            this.lossAndGradient = lossAndGradient ?? throw new ArgumentNullException(nameof(lossAndGradient));
            Options = options ?? new TrainerOptions();
            Validate(Options);
            if (Options.CheckpointPath is not null && optimizer is not IStatefulOptimizer)
            {
                throw new ArgumentException("Per-epoch checkpoints need an optimizer that implements IStatefulOptimizer.", nameof(optimizer));
            }
        }

        /// <summary>The settings.</summary>
        public TrainerOptions Options { get; }

        /// <summary>
        /// Trains <paramref name="parameters"/> in place on <paramref name="data"/>, holding out <see cref="TrainerOptions.ValidationFraction"/>
        /// of it for validation (stratified for classification data).
        /// </summary>
        /// <param name="parameters">The initial parameters, updated in place (see <see cref="TrainingResult"/> for which values are kept).</param>
        /// <param name="data">The data.</param>
        /// <param name="progress">Receives one report per epoch, or null.</param>
        /// <param name="cancellationToken">Stops training between batches.</param>
        /// <returns>The outcome.</returns>
        public TrainingResult Fit(Span<double> parameters, DataSet data, IProgress<EpochProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (Options.ValidationFraction > 0.0)
            {
                (DataSet train, DataSet validation) = data.ClassCount > 0
                    ? DataSplit.Stratified(data, Options.ValidationFraction, Options.Seed)
                    : DataSplit.Random(data, Options.ValidationFraction, Options.Seed);
                return Train(parameters, train, validation, progress, cancellationToken);
            }

            return Train(parameters, data, null, progress, cancellationToken);
        }

        /// <summary>Trains <paramref name="parameters"/> in place on <paramref name="training"/>, scoring <paramref name="validation"/> after each epoch.</summary>
        /// <param name="parameters">The initial parameters, updated in place (see <see cref="TrainingResult"/> for which values are kept).</param>
        /// <param name="training">The training data.</param>
        /// <param name="validation">The validation data, scored after each epoch.</param>
        /// <param name="progress">Receives one report per epoch, or null.</param>
        /// <param name="cancellationToken">Stops training between batches.</param>
        /// <returns>The outcome.</returns>
        public TrainingResult FitWithValidation(Span<double> parameters, DataSet training, DataSet validation, IProgress<EpochProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(validation);
            return Train(parameters, training, validation, progress, cancellationToken);
        }

        /// <summary>
        /// Trains <c>float</c> parameters (docs/single-precision.md): training runs on a <c>double</c> copy (the master
        /// weights; pair this with <see cref="SinglePrecision.LossAndGradient(SingleLossAndGradient)"/>), and the kept
        /// parameters are rounded back into <paramref name="parameters"/> when it returns or throws, as the <c>double</c>
        /// overload leaves its parameters (a failure before the first step leaves them unchanged).
        /// </summary>
        /// <param name="parameters">The initial parameters, updated in place.</param>
        /// <param name="data">The data.</param>
        /// <param name="progress">Receives one report per epoch, or null.</param>
        /// <param name="cancellationToken">Stops training between batches.</param>
        /// <returns>The outcome.</returns>
        public TrainingResult Fit(Span<float> parameters, DataSet data, IProgress<EpochProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            double[] master = Widen(parameters);
            try
            {
                return Fit(master, data, progress, cancellationToken);
            }
            finally
            {
                // As for double parameters: after a return or an exception, the parameters of the last completed step.
                SinglePrecision.Narrow(master, parameters);
            }
        }

        /// <summary>Trains <c>float</c> parameters against <paramref name="validation"/>; see <see cref="Fit(Span{float}, DataSet, IProgress{EpochProgress}?, CancellationToken)"/>.</summary>
        /// <param name="parameters">The initial parameters, updated in place.</param>
        /// <param name="training">The training data.</param>
        /// <param name="validation">The validation data, scored after each epoch.</param>
        /// <param name="progress">Receives one report per epoch, or null.</param>
        /// <param name="cancellationToken">Stops training between batches.</param>
        /// <returns>The outcome.</returns>
        public TrainingResult FitWithValidation(Span<float> parameters, DataSet training, DataSet validation, IProgress<EpochProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            double[] master = Widen(parameters);
            try
            {
                return FitWithValidation(master, training, validation, progress, cancellationToken);
            }
            finally
            {
                // As for double parameters: after a return or an exception, the parameters of the last completed step.
                SinglePrecision.Narrow(master, parameters);
            }
        }

        private static double[] Widen(ReadOnlySpan<float> values)
        {
            double[] wide = new double[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                wide[i] = values[i];
            }

            return wide;
        }

        private TrainingResult Train(Span<double> parameters, DataSet training, DataSet? validation, IProgress<EpochProgress>? progress, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(training);
            if (parameters.Length == 0)
            {
                throw new ArgumentException("There are no parameters to train.", nameof(parameters));
            }

            if (validation is not null && validation.FeatureCount != training.FeatureCount)
            {
                throw new ArgumentException($"The validation data have {validation.FeatureCount} features but the training data have {training.FeatureCount}.", nameof(validation));
            }

            if (Options.EarlyStoppingPatience is not null && validation is null)
            {
                throw new ArgumentException("Early stopping needs validation data: set ValidationFraction or pass a validation set.", nameof(validation));
            }

            for (int i = 0; i < parameters.Length; i++)
            {
                if (!double.IsFinite(parameters[i]))
                {
                    throw new ArgumentException($"parameters[{i}] is {parameters[i]}; the initial parameters must be finite.", nameof(parameters));
                }
            }

            if (Options.CheckpointPath is not null)
            {
                CheckpointFile.Default.EnsureWritable(Options.CheckpointPath);
            }

            var loader = new BatchLoader(training, Options.BatchSize, Options.Shuffle, Options.Seed);
            using ShardedGradient? sharded = Options.Parallel is null ? null : new ShardedGradient(lossAndGradient, parameters.Length, training.FeatureCount, Options.Parallel);
            LossAndGradient compute = sharded is null ? lossAndGradient : sharded.Compute;
            var gradient = new double[parameters.Length];
            double[] lastGood = parameters.ToArray();
            var stateful = optimizer as IStatefulOptimizer;
            OptimizerState? lastGoodState = stateful?.SaveState();
            double[] best = parameters.ToArray();
            Batch? validationBatch = validation is not null && Options.ValidationMetric is null ? Batch.FromDataSet(validation) : null;
            double initialRate = optimizer.LearningRate;
            double? firstLoss = null;
            double? bestMetric = null;
            int bestEpoch = 0;
            var history = new List<EpochProgress>();
            var clock = Stopwatch.StartNew();

            for (int epoch = 0; epoch < Options.Epochs; epoch++)
            {
                if (Options.Schedule is not null)
                {
                    optimizer.LearningRate = Options.Schedule.GetLearningRate(epoch, initialRate);
                }

                double rate = optimizer.LearningRate;
                long epochStart = clock.ElapsedTicks;
                double weightedLoss = 0.0;
                int rows = 0;
                int batchNumber = 0;
                loader.StartEpoch();
                while (loader.MoveNext())
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        RollBack(parameters, lastGood, stateful, lastGoodState);
                        return new TrainingResult(StopReason.Cancelled, $"Training was cancelled during epoch {epoch + 1}; the parameters are those after epoch {epoch}.", epoch, validation is null ? epoch : bestEpoch, bestMetric, history);
                    }

                    batchNumber++;
                    Batch batch = loader.Current;
                    Array.Clear(gradient);
                    double loss = compute(parameters, batch, gradient);
                    string? problem = null;
                    if (!double.IsFinite(loss))
                    {
                        problem = $"the loss became {loss.ToString(CultureInfo.InvariantCulture)}";
                    }
                    else
                    {
                        firstLoss ??= Math.Abs(loss);
                        double limit = Options.ExplosionFactor * Math.Max(firstLoss.Value, 1.0);
                        if (Math.Abs(loss) > limit)
                        {
                            problem = string.Format(CultureInfo.InvariantCulture, "the loss exploded to {0:G6} (more than {1:G3} times the first batch's loss)", loss, Options.ExplosionFactor);
                        }
                        else
                        {
                            int bad = FirstNonFinite(gradient);
                            if (bad >= 0)
                            {
                                problem = $"gradient[{bad}] became {gradient[bad].ToString(CultureInfo.InvariantCulture)}";
                            }
                        }
                    }

                    if (problem is null)
                    {
                        optimizer.Step(parameters, gradient);
                        int badParameter = FirstNonFinite(parameters);
                        if (badParameter >= 0)
                        {
                            problem = $"parameters[{badParameter}] became {parameters[badParameter].ToString(CultureInfo.InvariantCulture)} after an update";
                        }
                    }

                    if (problem is not null)
                    {
                        RollBack(parameters, lastGood, stateful, lastGoodState);
                        string message = string.Format(
                            CultureInfo.InvariantCulture,
                            "Training diverged in epoch {0} (batch {1}): {2}. The parameters (and the optimizer state) were restored to the last good values, after epoch {3}. Try a smaller learning rate than {4:G6}, for example {5:G3}.",
                            epoch + 1,
                            batchNumber,
                            problem,
                            epoch,
                            rate,
                            rate / 10.0);
                        return new TrainingResult(StopReason.Diverged, message, epoch, validation is null ? epoch : bestEpoch, bestMetric, history);
                    }

                    weightedLoss += loss * batch.RowCount;
                    rows += batch.RowCount;
                }

                double epochLoss = weightedLoss / rows;
                double? metric = null;
                if (validation is not null)
                {
                    metric = Options.ValidationMetric is not null
                        ? Options.ValidationMetric(parameters, validation)
                        : compute(parameters, validationBatch!, gradient);
                }

                Options.Schedule?.ReportMetric(epoch, metric ?? epochLoss);
                double seconds = (clock.ElapsedTicks - epochStart) / (double)Stopwatch.Frequency;
                var report = new EpochProgress(epoch + 1, Options.Epochs, epochLoss, metric, rate, seconds > 0 ? rows / seconds : double.PositiveInfinity, clock.Elapsed);
                history.Add(report);
                parameters.CopyTo(lastGood);
                lastGoodState = stateful?.SaveState();
                if (Options.CheckpointPath is not null)
                {
                    CheckpointFile.Default.Save(Options.CheckpointPath, new Checkpoint(parameters, lastGoodState, epoch + 1));
                }

                progress?.Report(report);

                if (metric is double m)
                {
                    bool improved = bestMetric is null
                        || (Options.HigherValidationIsBetter ? m > bestMetric.Value + Options.EarlyStoppingMinDelta : m < bestMetric.Value - Options.EarlyStoppingMinDelta);
                    if (improved)
                    {
                        bestMetric = m;
                        bestEpoch = epoch + 1;
                        parameters.CopyTo(best);
                    }
                    else if (Options.EarlyStoppingPatience is int patience && epoch + 1 - bestEpoch >= patience)
                    {
                        best.CopyTo(parameters);
                        string message = string.Format(
                            CultureInfo.InvariantCulture,
                            "Early stopping after epoch {0}: the validation metric has not improved for {1} epochs; restored the parameters of epoch {2} (metric {3:G6}).",
                            epoch + 1,
                            patience,
                            bestEpoch,
                            bestMetric);
                        return new TrainingResult(StopReason.EarlyStopped, message, epoch + 1, bestEpoch, bestMetric, history);
                    }
                }
            }

            return new TrainingResult(StopReason.Completed, $"Completed {Options.Epochs} epochs.", Options.Epochs, validation is null ? Options.Epochs : bestEpoch, bestMetric, history);
        }

        private static void RollBack(Span<double> parameters, double[] lastGood, IStatefulOptimizer? optimizer, OptimizerState? state)
        {
            lastGood.CopyTo(parameters);
            if (optimizer is not null && state is not null)
            {
                optimizer.LoadState(state);
            }
        }

        private static int FirstNonFinite(ReadOnlySpan<double> values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (!double.IsFinite(values[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        private static void Validate(TrainerOptions options)
        {
            if (options.Epochs <= 0)
            {
                throw new ArgumentException($"Epochs must be positive, not {options.Epochs}.", nameof(options));
            }

            if (options.BatchSize <= 0)
            {
                throw new ArgumentException($"BatchSize must be positive, not {options.BatchSize}.", nameof(options));
            }

            if (double.IsNaN(options.ValidationFraction) || options.ValidationFraction < 0.0 || options.ValidationFraction >= 1.0)
            {
                throw new ArgumentException($"ValidationFraction must be in [0, 1), not {options.ValidationFraction}.", nameof(options));
            }

            if (options.EarlyStoppingPatience is int p && p <= 0)
            {
                throw new ArgumentException($"EarlyStoppingPatience must be positive, not {p}.", nameof(options));
            }

            if (!double.IsFinite(options.EarlyStoppingMinDelta) || options.EarlyStoppingMinDelta < 0.0)
            {
                throw new ArgumentException($"EarlyStoppingMinDelta must be finite and non-negative, not {options.EarlyStoppingMinDelta}.", nameof(options));
            }

            if (double.IsNaN(options.ExplosionFactor) || options.ExplosionFactor <= 1.0)
            {
                throw new ArgumentException($"ExplosionFactor must be greater than 1, not {options.ExplosionFactor}.", nameof(options));
            }
        }
    }
}
