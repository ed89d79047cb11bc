namespace ModeScim.PowerShell.Connections
{
    /// <summary>The connection that Connect-ModeScim made last, used by every cmdlet given no -Connection.
    /// Process-wide, like the session state of other connect-style modules.</summary>
    internal static class ConnectionRegistry
    {
        private static readonly object Lock = new object();
        private static ModeScimConnection? _current;

        public static ModeScimConnection? Current
        {
            get
            {
                lock (Lock)
                {
                    return _current;
                }
            }
        }

        /// <summary>Makes <paramref name="connection"/> current. The previous one is closed unless the caller
        /// holds it (it was returned with -PassThru); then it stays usable through -Connection.</summary>
        public static void Replace(ModeScimConnection connection)
        {
            ModeScimConnection? previous;
            lock (Lock)
            {
                previous = _current;
                _current = connection;
            }
            if (previous != null && !previous.HeldByCaller && !ReferenceEquals(previous, connection))
            {
                previous.Dispose();
            }
        }

        /// <summary>Closes the connection; forgets it when it is the current one.</summary>
        public static void Close(ModeScimConnection connection)
        {
            lock (Lock)
            {
                if (ReferenceEquals(_current, connection))
                {
                    _current = null;
                }
            }
            connection.Dispose();
        }

        public static void Clear()
        {
            ModeScimConnection? previous;
            lock (Lock)
            {
                previous = _current;
                _current = null;
            }
            previous?.Dispose();
        }
    }
}
