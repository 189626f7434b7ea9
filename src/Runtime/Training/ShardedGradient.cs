using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using SymGrad.Data;

namespace SymGrad.Training
{
    /// <summary>
    /// A batch's loss and gradient computed on several cores: the batch's rows are cut into shards of
    /// <see cref="ShardedGradientOptions.ShardRows"/> rows, each shard's loss and gradient is computed
    /// into a buffer of its own by one of <see cref="DegreeOfParallelism"/> threads, and the shards are
    /// then combined one after another in shard order. The shard boundaries depend only on the batch and
    /// the shard size, and the combination order only on the shards, so the result is bitwise the same
    /// for every degree of parallelism, one thread included (it differs from one unsharded call only by
    /// that summation order). Nothing is allocated per call once the largest batch has been seen.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The wrapped <see cref="LossAndGradient"/> is called concurrently, once per shard, with a batch that
    /// views the shard's rows; it must not write shared state. With
    /// <see cref="ShardCombination.Mean"/> (the default) it returns the mean loss over its rows and that
    /// mean's gradient, and the shards are weighted by their share of the rows; a term that does not
    /// depend on the rows (an L2 penalty) then counts once, as in one call. With
    /// <see cref="ShardCombination.Sum"/> the shards are added.
    /// </para>
    /// <para>
    /// The worker threads are dedicated background threads, started once and parked between calls on
    /// one monitor (a round counter starts them, a pending counter tells the caller they are done: no
    /// event objects, whose locks would be allocated lazily on a first blocking wait);
    /// <see cref="Dispose"/> stops them after any round already started. One instance serves one call at a
    /// time (a second concurrent call throws). Every shard runs even when one throws; the exception of the
    /// lowest failing shard reaches the caller, the same one for every degree of parallelism.
    /// </para>
    /// </remarks>
    public sealed class ShardedGradient : IDisposable
    {
        private readonly LossAndGradient shardLossAndGradient;
        private readonly int parameterCount;
        private readonly int featureCount;
        private readonly ShardCombination combination;
        private readonly Thread[] workers;
        private readonly object gate = new();
        private ExceptionDispatchInfo?[] failures = Array.Empty<ExceptionDispatchInfo?>();
        private long round;
        private int busy;
        private int pending;
        private readonly double[] parameters;
        private Batch?[] views = Array.Empty<Batch?>();
        private double[][] gradients = Array.Empty<double[]>();
        private double[] losses = Array.Empty<double>();
        private Batch? current;
        private int shardCount;
        private bool stopping;
        private bool disposed;

        /// <summary>Wraps a per-shard loss and gradient.</summary>
        /// <param name="shardLossAndGradient">The loss and gradient of the rows of one shard (called concurrently).</param>
        /// <param name="parameterCount">The number of parameters (the gradient's length).</param>
        /// <param name="featureCount">The number of features per row of the batches.</param>
        /// <param name="options">Threads, shard size and combination; null for the defaults.</param>
        public ShardedGradient(LossAndGradient shardLossAndGradient, int parameterCount, int featureCount, ShardedGradientOptions? options = null)
        {
            this.shardLossAndGradient = shardLossAndGradient ?? throw new ArgumentNullException(nameof(shardLossAndGradient));
            if (parameterCount <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(parameterCount), parameterCount, "The parameter count must be positive.");
            }

            if (featureCount <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "The feature count must be positive.");
            }

            options ??= new ShardedGradientOptions();
            if (options.DegreeOfParallelism < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.DegreeOfParallelism, "DegreeOfParallelism must be at least 1.");
            }

            if (options.ShardRows < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.ShardRows, "ShardRows must be at least 1.");
            }

            if (!Enum.IsDefined(options.Combination))
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.Combination, "Combination must be Mean or Sum.");
            }

            this.parameterCount = parameterCount;
            this.featureCount = featureCount;
            combination = options.Combination;
            ShardRows = options.ShardRows;
            DegreeOfParallelism = options.DegreeOfParallelism;
            parameters = new double[parameterCount];

            // The caller's thread is worker 0; the others wait for a call.
            workers = new Thread[DegreeOfParallelism - 1];
            for (int w = 0; w < workers.Length; w++)
            {
                int worker = w + 1;
                workers[w] = new Thread(() => WorkerLoop(worker)) { IsBackground = true, Name = "SymGrad shard worker " + worker };
                workers[w].Start();
            }
        }

        /// <summary>The number of threads computing shards (the caller's included).</summary>
        public int DegreeOfParallelism { get; }

        /// <summary>The rows per shard (the last shard of a batch may have fewer).</summary>
        public int ShardRows { get; }

        /// <summary>
        /// The batch's loss and gradient, with the shape of <see cref="LossAndGradient"/>: the gradient is
        /// overwritten. Pass <c>sharded.Compute</c> wherever a <see cref="LossAndGradient"/> is expected.
        /// </summary>
        /// <param name="parameters">The parameters (read only; copied once per call for the workers).</param>
        /// <param name="batch">The batch (at least one row).</param>
        /// <param name="gradient">Receives the gradient; as long as the parameters.</param>
        /// <returns>The combined loss.</returns>
        public double Compute(ReadOnlySpan<double> parameters, Batch batch, Span<double> gradient)
        {
            if (disposed)
            {
                throw new ObjectDisposedException(nameof(ShardedGradient));
            }

            ArgumentNullException.ThrowIfNull(batch);
            if (parameters.Length != parameterCount || gradient.Length != parameterCount)
            {
                throw new ArgumentException($"The parameters ({parameters.Length}) and the gradient ({gradient.Length}) must both have the {parameterCount} values this ShardedGradient was made for.");
            }

            if (batch.FeatureCount != featureCount)
            {
                throw new ArgumentException($"The batch must have {featureCount} features, not {batch.FeatureCount}.", nameof(batch));
            }

            if (batch.RowCount == 0)
            {
                // No rows, no shards: the wrapped function says what an empty batch gives, as without sharding.
                gradient.Clear();
                return shardLossAndGradient(parameters, batch, gradient);
            }

            if (Interlocked.Exchange(ref busy, 1) != 0)
            {
                throw new InvalidOperationException("A ShardedGradient serves one call at a time; this one is already computing.");
            }

            try
            {
                return ComputeShards(parameters, batch, gradient);
            }
            finally
            {
                Volatile.Write(ref busy, 0);
            }
        }

        private double ComputeShards(ReadOnlySpan<double> parameters, Batch batch, Span<double> gradient)
        {
            parameters.CopyTo(this.parameters);
            shardCount = (batch.RowCount + ShardRows - 1) / ShardRows;
            EnsureShards(shardCount);
            current = batch;
            if (workers.Length > 0)
            {
                lock (gate)
                {
                    if (stopping)
                    {
                        throw new ObjectDisposedException(nameof(ShardedGradient));
                    }

                    pending = workers.Length;
                    round++;
                    Monitor.PulseAll(gate);
                }
            }

            RunShards(0);
            if (workers.Length > 0)
            {
                lock (gate)
                {
                    while (pending > 0)
                    {
                        Monitor.Wait(gate);
                    }
                }
            }

            current = null;
            for (int s = 0; s < shardCount; s++)
            {
                // The first failing shard's exception, whichever thread ran it: the same for every degree of parallelism.
                failures[s]?.Throw();
            }

            return Combine(batch.RowCount, gradient);
        }

        /// <summary>Stops the worker threads.</summary>
        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            lock (gate)
            {
                stopping = true;
                Monitor.PulseAll(gate);
            }

            foreach (Thread worker in workers)
            {
                worker.Join();
            }
        }

        /// <summary>Buffers for this many shards; grown (allocated) only when a batch needs more than any before.</summary>
        private void EnsureShards(int count)
        {
            if (views.Length >= count)
            {
                return;
            }

            var grownViews = new Batch?[count];
            var grownGradients = new double[count][];
            Array.Copy(views, grownViews, views.Length);
            Array.Copy(gradients, grownGradients, gradients.Length);
            for (int s = views.Length; s < count; s++)
            {
                grownViews[s] = new Batch(1, featureCount);
                grownGradients[s] = new double[parameterCount];
            }

            views = grownViews;
            gradients = grownGradients;
            losses = new double[count];
            failures = new ExceptionDispatchInfo?[count];
        }

        /// <summary>Worker w computes shards w, w + D, w + 2D, ...: which thread runs a shard does not change its result.</summary>
        private void RunShards(int worker)
        {
            Batch batch = current!;
            for (int s = worker; s < shardCount; s += DegreeOfParallelism)
            {
                failures[s] = null;
                try
                {
                    int first = s * ShardRows;
                    Batch view = views[s]!;
                    view.ViewRows(batch, first, Math.Min(ShardRows, batch.RowCount - first));
                    double[] shardGradient = gradients[s];
                    Array.Clear(shardGradient);
                    losses[s] = shardLossAndGradient(parameters, view, shardGradient);
                }
                catch (Exception e)
                {
                    failures[s] = ExceptionDispatchInfo.Capture(e);
                }
            }
        }

        private void WorkerLoop(int worker)
        {
            long seen = 0;
            while (true)
            {
                lock (gate)
                {
                    while (round == seen && !stopping)
                    {
                        Monitor.Wait(gate);
                    }

                    // A round already started is finished before stopping, so its caller never waits forever.
                    if (round == seen)
                    {
                        return;
                    }

                    seen = round;
                }

                RunShards(worker);
                lock (gate)
                {
                    if (--pending == 0)
                    {
                        Monitor.PulseAll(gate);
                    }
                }
            }
        }

        /// <summary>The shards added in shard order, each weighted by its share of the rows (mean) or by 1 (sum).</summary>
        private double Combine(int rows, Span<double> gradient)
        {
            gradient.Clear();
            double loss = 0.0;
            for (int s = 0; s < shardCount; s++)
            {
                int shardRows = Math.Min(ShardRows, rows - s * ShardRows);
                double weight = combination == ShardCombination.Mean ? (double)shardRows / rows : 1.0;
                loss += weight * losses[s];
                double[] shardGradient = gradients[s];
                for (int j = 0; j < gradient.Length; j++)
                {
                    gradient[j] += weight * shardGradient[j];
                }
            }

            return loss;
        }
    }
}
