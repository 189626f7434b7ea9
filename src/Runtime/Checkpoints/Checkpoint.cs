using System;
using SymGrad.Optimizers;

namespace SymGrad.Checkpoints
{
    /// <summary>A training snapshot: the parameters, the optimizer's state (optional) and the number of completed epochs.</summary>
    public sealed class Checkpoint
    {
        private readonly double[] parameters;

        /// <summary>Creates a checkpoint; the parameters are copied.</summary>
        /// <param name="parameters">The model parameters.</param>
        /// <param name="optimizerState">The optimizer state, or null.</param>
        /// <param name="epoch">The number of completed epochs (non-negative).</param>
        public Checkpoint(ReadOnlySpan<double> parameters, OptimizerState? optimizerState = null, int epoch = 0)
        {
            if (epoch < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "The epoch cannot be negative.");
            }

            this.parameters = parameters.ToArray();
            OptimizerState = optimizerState;
            Epoch = epoch;
        }

        /// <summary>Creates a checkpoint of <c>float</c> parameters; they are stored as <c>double</c>, exactly.</summary>
        /// <param name="parameters">The model parameters.</param>
        /// <param name="optimizerState">The optimizer state, or null.</param>
        /// <param name="epoch">The number of completed epochs (non-negative).</param>
        public Checkpoint(ReadOnlySpan<float> parameters, OptimizerState? optimizerState = null, int epoch = 0)
            : this(Widen(parameters), optimizerState, epoch)
        {
        }

        /// <summary>The model parameters.</summary>
        public ReadOnlySpan<double> Parameters => parameters;

        /// <summary>The optimizer state, or null when none was saved.</summary>
        public OptimizerState? OptimizerState { get; }

        /// <summary>The number of completed epochs when the checkpoint was taken.</summary>
        public int Epoch { get; }

        /// <summary>Copies the parameters into <paramref name="destination"/> and, when both exist, loads the optimizer state.</summary>
        /// <param name="destination">The parameter vector to overwrite; must have the same length.</param>
        /// <param name="optimizer">The optimizer to restore, or null to restore parameters only.</param>
        public void Restore(Span<double> destination, IStatefulOptimizer? optimizer = null)
        {
            if (destination.Length != parameters.Length)
            {
                throw new ArgumentException($"The checkpoint holds {parameters.Length} parameters but the destination has {destination.Length}.", nameof(destination));
            }

            if (optimizer is not null)
            {
                if (OptimizerState is null)
                {
                    throw new ArgumentException("The checkpoint has no optimizer state to restore.", nameof(optimizer));
                }

                optimizer.LoadState(OptimizerState);
            }

            parameters.CopyTo(destination);
        }

        /// <summary>
        /// Copies the parameters into a <c>float</c> vector and, when both exist, loads the optimizer state. Every value must
        /// be a <c>float</c> (as when the checkpoint was taken from <c>float</c> parameters): a checkpoint of <c>double</c>
        /// parameters is not rounded silently. Nothing is written when it throws.
        /// </summary>
        /// <param name="destination">The parameter vector to overwrite; must have the same length.</param>
        /// <param name="optimizer">The optimizer to restore, or null to restore parameters only.</param>
        /// <exception cref="ArgumentException">The lengths differ, a value is not exactly a <c>float</c>, or the optimizer state is missing.</exception>
        public void Restore(Span<float> destination, IStatefulOptimizer? optimizer = null)
        {
            if (destination.Length != parameters.Length)
            {
                throw new ArgumentException($"The checkpoint holds {parameters.Length} parameters but the destination has {destination.Length}.", nameof(destination));
            }

            for (int i = 0; i < parameters.Length; i++)
            {
                if ((double)(float)parameters[i] != parameters[i] && !double.IsNaN(parameters[i]))
                {
                    throw new ArgumentException($"Parameter {i} is {parameters[i]:R}, which a float cannot hold: this checkpoint was taken from double parameters; restore it into a double vector.", nameof(destination));
                }
            }

            if (optimizer is not null)
            {
                if (OptimizerState is null)
                {
                    throw new ArgumentException("The checkpoint has no optimizer state to restore.", nameof(optimizer));
                }

                optimizer.LoadState(OptimizerState);
            }

            for (int i = 0; i < parameters.Length; i++)
            {
                destination[i] = (float)parameters[i];
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
    }
}
