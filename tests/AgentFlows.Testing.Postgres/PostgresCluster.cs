using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AgentFlows.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster: <c>initdb</c> into a fresh temp directory, <c>pg_ctl start</c> on a free
/// 127.0.0.1 port with its unix socket inside that directory and trust authentication, and on dispose
/// <c>pg_ctl stop -m immediate</c> and the directory deleted. Durability settings stay at PostgreSQL's defaults
/// (<c>fsync=on</c>, synchronous commit), so what tests and benchmarks measure is what production pays.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root, so when the current user is root the cluster belongs to the <c>postgres</c>
/// OS user: the directory is chown-ed to it and every server binary runs through <c>runuser -u postgres --</c>.
/// Missing binaries or a missing <c>postgres</c> user fail with a message that says what to install; nothing is
/// skipped silently.
/// </remarks>
public sealed class PostgresCluster : IAsyncDisposable
{
    /// <summary>Where the server binaries are looked for unless <see cref="BinDirectoryVariable"/> names another folder.</summary>
    public const string DefaultBinDirectory = "/usr/lib/postgresql/15/bin";

    /// <summary>The environment variable that overrides <see cref="DefaultBinDirectory"/>.</summary>
    public const string BinDirectoryVariable = "AGENTFLOWS_POSTGRES_BIN";

    /// <summary>The OS user that owns the cluster when the tests run as root.</summary>
    public const string ServerUser = "postgres";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly string _binDirectory;
    private readonly bool _asServerUser;
    private int _stopped;

    private PostgresCluster(string directory, string binDirectory, bool asServerUser, int port)
    {
        DirectoryPath = directory;
        _binDirectory = binDirectory;
        _asServerUser = asServerUser;
        Port = port;
        ConnectionString = ConnectionStringFor("postgres");
    }

    /// <summary>Gets the folder that holds the data directory, the socket and the server log.</summary>
    public string DirectoryPath { get; }

    /// <summary>Gets the data directory.</summary>
    public string DataDirectory => Path.Combine(DirectoryPath, "data");

    /// <summary>Gets the server log.</summary>
    public string LogFile => Path.Combine(DirectoryPath, "server.log");

    /// <summary>Gets the loopback TCP port.</summary>
    public int Port { get; }

    /// <summary>Gets a connection string to the <c>postgres</c> database as the superuser <c>postgres</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>Initializes and starts a cluster.</summary>
    /// <param name="cancellationToken">Cancels the start (the half-made cluster is removed).</param>
    /// <returns>The running cluster.</returns>
    public static async Task<PostgresCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        var binDirectory = Environment.GetEnvironmentVariable(BinDirectoryVariable) is { Length: > 0 } custom ? custom : DefaultBinDirectory;
        foreach (var tool in new[] { "initdb", "pg_ctl", "postgres" })
        {
            if (!File.Exists(Path.Combine(binDirectory, tool)))
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL server binary '{tool}' is not in {binDirectory}. Install PostgreSQL 15 (Debian: apt-get install postgresql-15), " +
                    $"set {BinDirectoryVariable} to the folder that holds initdb and pg_ctl, or set AGENTFLOWS_TEST_POSTGRES to the connection string of a server to use.");
            }
        }

        var asServerUser = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        if (asServerUser)
        {
            try
            {
                await RunAsync("id", ["-u", ServerUser], cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL does not run as root, and there is no '{ServerUser}' OS user to run it as (the postgresql-15 package creates one).", ex);
            }
        }

        // A free port can be taken by someone else before the server binds it: then a new cluster on a new port.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(binDirectory, asServerUser, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    /// <summary>Builds a connection string to <paramref name="database"/> on this cluster.</summary>
    /// <param name="database">The database name.</param>
    /// <returns>The connection string.</returns>
    public string ConnectionStringFor(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}");

    /// <summary>Restarts the server (<c>pg_ctl restart -m fast</c>): every open connection is dropped.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the server accepts connections again.</returns>
    public Task RestartAsync(CancellationToken cancellationToken = default) =>
        PgCtlAsync(["restart", "-m", "fast", "-w", "-t", "60", "-D", DataDirectory, "-l", LogFile], cancellationToken);

    /// <summary>Stops the server at once (<c>pg_ctl stop -m immediate</c>, as a crash would) and deletes the directory.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (Interlocked.Exchange(ref _stopped, 1) == 0 && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await PgCtlAsync(["stop", "-m", "immediate", "-w", "-D", DataDirectory], CancellationToken.None).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Already stopped (a test may stop it); the directory goes regardless.
            }
        }

        TryDelete(DirectoryPath);
    }

    /// <summary>Reads the end of the server log, for failure messages.</summary>
    /// <param name="lines">How many lines.</param>
    /// <returns>The lines.</returns>
    public string LogTail(int lines = 20)
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no server log)";
        }
    }

    private static async Task<PostgresCluster> StartOnceAsync(string binDirectory, bool asServerUser, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("agentflows-pg-").FullName;
        PostgresCluster? cluster = null;
        try
        {
            if (asServerUser)
            {
                await RunAsync("chown", [ServerUser, directory], cancellationToken).ConfigureAwait(false);
            }

            cluster = new PostgresCluster(directory, binDirectory, asServerUser, FreePort());
            await cluster.InitAsync(cancellationToken).ConfigureAwait(false);
            await cluster.StartServerAsync(cancellationToken).ConfigureAwait(false);
            AppDomain.CurrentDomain.ProcessExit += cluster.OnProcessExit;
            return cluster;
        }
        catch
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                TryDelete(directory);
            }

            throw;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // A server that is still shutting down may be writing; a leftover temp folder is not worth a failed test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task<string> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = new StringBuilder().Append(await output.ConfigureAwait(false)).Append(await error.ConfigureAwait(false)).ToString();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}:\n{text}");
        }

        return text;
    }

    private Task<string> RunServerToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_binDirectory, tool);
        return _asServerUser
            ? RunAsync("runuser", ["-u", ServerUser, "--", path, .. arguments], cancellationToken)
            : RunAsync(path, arguments, cancellationToken);
    }

    private async Task PgCtlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            await RunServerToolAsync("pg_ctl", arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{ex.Message}\nServer log ({LogFile}):\n{LogTail()}", ex);
        }
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        // --no-sync only skips initdb's own flushes of the template files; the server itself runs with fsync=on.
        await RunServerToolAsync(
            "initdb",
            ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
            cancellationToken).ConfigureAwait(false);
        var settings = string.Join(
            '\n',
            "# Added by AgentFlows.Testing.Postgres.PostgresCluster",
            $"port = {Port.ToString(CultureInfo.InvariantCulture)}",
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{DirectoryPath}'",
            "fsync = on",
            "max_connections = 300",
            string.Empty);

        // Appending keeps the file's owner (the server user), which must be able to read it.
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), settings, cancellationToken).ConfigureAwait(false);
    }

    private Task StartServerAsync(CancellationToken cancellationToken) =>
        PgCtlAsync(["start", "-w", "-t", "60", "-D", DataDirectory, "-l", LogFile], cancellationToken);

    private void OnProcessExit(object? sender, EventArgs e)
    {
        // A test host that exits without disposing must not leave a server running.
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            try
            {
                RunServerToolAsync("pg_ctl", ["stop", "-m", "immediate", "-w", "-D", DataDirectory], CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
            }

            TryDelete(DirectoryPath);
        }
    }
}
