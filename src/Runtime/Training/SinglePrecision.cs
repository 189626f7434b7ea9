using System;
using System.Threading;
using SymGrad.Data;

namespace SymGrad.Training
{
    /// <summary>
    /// Training <c>float</c> models (docs/single-precision.md). The trainer, the learning-rate finder and the sharded
    /// gradient keep the parameters and the optimizer's state in <c>double</c> ("master weights", as mixed-precision
    /// training does); the model sees them rounded to <c>float</c>, with the batch rounded to <c>float</c>, and its
    /// <c>float</c> gradient is widened exactly. <see cref="Trainer.Fit(Span{float}, DataSet, IProgress{EpochProgress}?, CancellationToken)"/>
    /// rounds the trained parameters back into the caller's <c>float</c> vector.
    /// </summary>
    public static class SinglePrecision
    {
        /// <summary>
        /// The trainer's <see cref="Training.LossAndGradient"/> for a <c>float</c> model. Each thread gets its own
        /// conversion buffers, so the delegate works with <see cref="TrainerOptions.Parallel"/>; they are reused, so
        /// steady-state calls allocate nothing.
        /// </summary>
        /// <param name="model">The <c>float</c> batch loss and gradient.</param>
        /// <returns>The delegate for <see cref="Trainer"/> and <see cref="LearningRateFinder"/>.</returns>
        public static LossAndGradient LossAndGradient(SingleLossAndGradient model)
        {
            ArgumentNullException.ThrowIfNull(model);
            var buffers = new ThreadLocal<Buffers>(() => new Buffers());
            return (parameters, batch, gradient) =>
            {
                Buffers own = buffers.Value!;
                Span<float> p = own.Parameters(parameters.Length);
                Span<float> g = own.Gradient(gradient.Length);
                Span<float> x = own.Features(batch.Features.Length);
                Span<float> y = own.Targets(batch.Targets.Length);
                Narrow(parameters, p);
                Narrow(batch.Features, x);
                Narrow(batch.Targets, y);
                g.Clear();
                float loss = model(p, new SingleBatch(x, y, batch.RowCount, batch.FeatureCount), g);
                for (int i = 0; i < g.Length; i++)
                {
                    gradient[i] += g[i];
                }

                return loss;
            };
        }

        /// <summary>Rounds each value to <c>float</c>.</summary>
        internal static void Narrow(ReadOnlySpan<double> from, Span<float> to)
        {
            for (int i = 0; i < from.Length; i++)
            {
                to[i] = (float)from[i];
            }
        }

        /// <summary>One thread's conversion buffers, grown when a call needs more.</summary>
        private sealed class Buffers
        {
            private float[] parameters = Array.Empty<float>();
            private float[] gradient = Array.Empty<float>();
            private float[] features = Array.Empty<float>();
            private float[] targets = Array.Empty<float>();

            public Span<float> Parameters(int length) => Take(ref parameters, length);

            public Span<float> Gradient(int length) => Take(ref gradient, length);

            public Span<float> Features(int length) => Take(ref features, length);

            public Span<float> Targets(int length) => Take(ref targets, length);

            private static Span<float> Take(ref float[] buffer, int length)
            {
                if (buffer.Length < length)
                {
                    buffer = new float[length];
                }

                return buffer.AsSpan(0, length);
            }
        }
    }
}
