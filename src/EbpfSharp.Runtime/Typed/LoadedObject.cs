namespace EbpfSharp.Runtime;

/// <summary>
/// The base of the classes the generator writes for program classes (<c>ProtocolCounter.Loaded</c>): owns the
/// loaded <see cref="BpfObject"/> and everything made from it through the typed members, the links of
/// <c>Attach…</c> calls and the readers of ring buffers and perf event arrays. <see cref="Dispose"/> detaches the
/// links (last attached first), closes the readers, then closes the programs and maps.
/// </summary>
public abstract class LoadedObject : IDisposable
{
    private readonly List<IDisposable> _links = [];
    private readonly List<IDisposable> _readers = [];
    private bool _disposed;

    /// <summary>Takes ownership of <paramref name="loaded"/>.</summary>
    protected LoadedObject(BpfObject loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        Object = loaded;
    }

    /// <summary>The loaded object, for what the typed members do not cover (pinning, warnings, programs by name).</summary>
    public BpfObject Object { get; }

    /// <summary>Keeps a link to detach on <see cref="Dispose"/>; disposing it earlier is allowed.</summary>
    internal BpfLink Track(BpfLink link)
    {
        lock (_links)
        {
            if (_disposed)
            {
                link.Dispose();
                throw new ObjectDisposedException(GetType().FullName, "The object was disposed while attaching.");
            }
            _links.RemoveAll(known => known is BpfLink { IsDisposed: true });
            _links.Add(link);
        }
        return link;
    }

    /// <summary>
    /// The reader in <paramref name="field"/>, created by <paramref name="create"/> on first use (readers map
    /// memory and open descriptors, so only maps the host reads get one) and closed on <see cref="Dispose"/>.
    /// </summary>
    protected TReader Reader<TReader>(ref TReader? field, Func<TReader> create) where TReader : class, IDisposable
    {
        lock (_readers)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (field is null)
            {
                field = create();
                _readers.Add(field);
            }
            return field;
        }
    }

    /// <summary>Detaches every link made through the typed programs, closes the readers, then the object.</summary>
    public void Dispose()
    {
        List<IDisposable> links, readers;
        lock (_links)
        lock (_readers)
        {
            if (_disposed)
                return;
            _disposed = true;
            links = [.. _links];
            readers = [.. _readers];
        }
        for (int i = links.Count - 1; i >= 0; i--)
            links[i].Dispose();
        foreach (var reader in readers)
            reader.Dispose();
        Object.Dispose();
        GC.SuppressFinalize(this);
    }
}
