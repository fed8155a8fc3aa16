using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace AgentFlows.Storage.Sqlite.Internal;

/// <summary>
/// Runs write operations on the single writer session with group commit: operations that queue up while a
/// transaction is running are executed together in the next one, each inside its own savepoint, and committed at
/// once. Every page a batch touches is written to the WAL once per batch instead of once per operation, which is
/// where most of SQLite's write cost goes. No thread of its own: the caller that finds the writer idle runs the queue
/// (flat combining), so an uncontended write runs inline on its caller.
/// </summary>
internal sealed class GroupCommitWriter
{
    private const int MaxBatch = 64;
    private const int MaxBatchesPerCombiner = 8;

    private readonly SqliteSession _session;
    private readonly ConcurrentQueue<Operation> _pending = new();
    private readonly List<Operation> _batch = new(MaxBatch);
    private int _combining;
    private volatile bool _closed;

    public GroupCommitWriter(SqliteSession session)
    {
        _session = session;
    }

    /// <summary>Queues <paramref name="work"/>; its task completes after the transaction that ran it commits.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="work">The work: it may throw, which undoes just its own writes.</param>
    /// <param name="cancellationToken">Cancels the operation while it has not started.</param>
    /// <returns>The result.</returns>
    public Task<T> WriteAsync<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var operation = new Operation<T>(work, cancellationToken);
        _pending.Enqueue(operation);
        Combine();
        if (_closed)
        {
            FailPending();
        }

        return operation.Task;
    }

    /// <summary>Waits for the running batch (one transaction at most), fails what is still queued and closes the session.</summary>
    public void Close()
    {
        _closed = true;

        // Taking the flag for good keeps any later caller from combining.
        var spin = default(SpinWait);
        while (Interlocked.CompareExchange(ref _combining, 1, 0) != 0)
        {
            spin.SpinOnce();
        }

        FailPending();
        _session.Dispose();
    }

    private void Combine()
    {
        while (!_pending.IsEmpty && Interlocked.CompareExchange(ref _combining, 1, 0) == 0)
        {
            var batches = 0;
            try
            {
                while (batches < MaxBatchesPerCombiner && !_closed && TakeBatch())
                {
                    RunBatch();
                    batches++;
                }
            }
            finally
            {
                Volatile.Write(ref _combining, 0);
            }

            if (batches == MaxBatchesPerCombiner)
            {
                // Hand the queue to the thread pool so this caller's own continuation is not held up indefinitely.
                ThreadPool.UnsafeQueueUserWorkItem(static writer => writer.Combine(), this, preferLocal: false);
                return;
            }
        }
    }

    private bool TakeBatch()
    {
        _batch.Clear();
        while (_batch.Count < MaxBatch && _pending.TryDequeue(out var operation))
        {
            _batch.Add(operation);
        }

        return _batch.Count > 0;
    }

    private void RunBatch()
    {
        var s = _session;
        try
        {
            s.Begin();
            var single = _batch.Count == 1;
            foreach (var operation in _batch)
            {
                if (single)
                {
                    // Alone in its transaction: a failure rolls the whole transaction back below.
                    operation.Execute(s);
                    continue;
                }

                s.Command(Sql.Savepoint).ExecuteNonQuery();
                try
                {
                    operation.Execute(s);
                }
                catch (Exception ex) when (s.InTransaction)
                {
                    // Undo just this operation; the others in the batch go on. (When SQLite itself ended the
                    // transaction, the filter lets the error fail the whole batch below: nothing of it is written.)
                    operation.Fail(ex);
                    s.Command(Sql.RollbackToSavepoint).ExecuteNonQuery();
                }

                s.Command(Sql.ReleaseSavepoint).ExecuteNonQuery();
            }

            s.Commit();
        }
        catch (Exception ex)
        {
            TryRollback(s);
            _batch.ForEach(o => o.Fail(ex));
            return;
        }

        _batch.ForEach(o => o.Publish());
    }

    private static void TryRollback(SqliteSession s)
    {
        try
        {
            s.Rollback();
        }
        catch (SqliteException)
        {
            // The connection reports the failure again on its next statement; the batch has failed either way.
        }
    }

    private void FailPending()
    {
        while (_pending.TryDequeue(out var operation))
        {
            operation.Fail(new ObjectDisposedException(nameof(SqliteOrchestrationStore)));
        }
    }

    private abstract class Operation
    {
        /// <summary>Runs the work (unless cancelled) and keeps its result until the commit.</summary>
        public abstract void Execute(SqliteSession session);

        /// <summary>Completes the caller's task with the kept result, after the commit.</summary>
        public abstract void Publish();

        /// <summary>Completes the caller's task with an error (no-op when already completed).</summary>
        public abstract void Fail(Exception exception);
    }

    private sealed class Operation<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken) : Operation
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private bool _executed;

        public Task<T> Task => _completion.Task;

        public override void Execute(SqliteSession session)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _completion.TrySetCanceled(cancellationToken);
                return;
            }

            _result = work(session);
            _executed = true;
        }

        public override void Publish()
        {
            if (_executed)
            {
                _completion.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception exception)
        {
            _executed = false;
            _completion.TrySetException(exception);
        }
    }
}
