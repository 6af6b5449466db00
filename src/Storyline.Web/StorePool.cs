using System.Collections.Concurrent;
using Storyline.Core.Storage;
using Storyline.Engine;

namespace Storyline.Web;

/// <summary>One open store with its story service; a request holds it alone (SQLite connections are single-threaded).</summary>
public sealed class StoreSession : IDisposable
{
    public IDocumentStore Store { get; }
    /// <summary>The story engine of the store, or null where the store keeps no stories.</summary>
    public StoryService? Stories { get; }

    internal StoreSession(IDocumentStore store)
    {
        Store = store;
        Stories = StoryService.Supported(store) ? StoryService.For(store) : null;
    }

    public void Dispose()
    {
        Stories?.Dispose();
        Store.Dispose();
    }
}

/// <summary>
/// Open stores shared by requests: at most <see cref="WebOptions.ReadConnections"/> readers at once (a request waits
/// for a free one), and one writer at a time. The store is opened once at start, so a missing store fails
/// <c>serve</c> at once (SL4005) instead of on the first request.
/// </summary>
public sealed class StorePool : IDisposable
{
    private readonly string _location;
    private readonly ConcurrentBag<StoreSession> _idle = [];
    private readonly SemaphoreSlim _readers;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private int _open;
    private bool _disposed;

    public StorePool(WebOptions options)
    {
        _location = options.Database;
        _readers = new SemaphoreSlim(options.ReadConnections, options.ReadConnections);
        // Opening checks the store exists (or creates it when asked) before the server listens.
        var first = new StoreSession(StoreFactory.Open(_location, options.CreateStore));
        Interlocked.Increment(ref _open);
        _idle.Add(first);
    }

    public string Location => _location;

    /// <summary>Connections opened so far (for diagnostics and tests).</summary>
    public int Opened => Volatile.Read(ref _open);

    /// <summary>A store for one request; dispose the lease to give it back.</summary>
    public async ValueTask<Lease> RentAsync(CancellationToken ct = default)
    {
        await _readers.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_idle.TryTake(out var s))
            {
                s = new StoreSession(StoreFactory.Open(_location, create: false));
                Interlocked.Increment(ref _open);
            }
            return new Lease(this, s, _readers);
        }
        catch
        {
            _readers.Release();
            throw;
        }
    }

    /// <summary>The writer: one ingest at a time, on its own connection, closed afterwards.</summary>
    public async ValueTask<WriterLease> RentWriterAsync(CancellationToken ct = default)
    {
        await _writer.WaitAsync(ct).ConfigureAwait(false);
        try { return new WriterLease(new StoreSession(StoreFactory.Open(_location, create: false)), _writer); }
        catch
        {
            _writer.Release();
            throw;
        }
    }

    private void Return(StoreSession s)
    {
        if (_disposed) s.Dispose();
        else _idle.Add(s);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var s)) s.Dispose();
    }

    public sealed class Lease(StorePool pool, StoreSession session, SemaphoreSlim gate) : IDisposable
    {
        private int _done;
        public IDocumentStore Store => session.Store;
        public StoryService? Stories => session.Stories;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) != 0) return;
            pool.Return(session);
            gate.Release();
        }
    }

    public sealed class WriterLease(StoreSession session, SemaphoreSlim gate) : IDisposable
    {
        private int _done;
        public StoreSession Session => session;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) != 0) return;
            session.Dispose();
            gate.Release();
        }
    }
}
