using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace ModeScim.PowerShell.Connections
{
    /// <summary>The connection every cmdlet given no -Connection uses: the one Connect-ModeScim made last in this
    /// runspace, else the one made last in the process (so a thread job or a runspace started after connecting
    /// inherits it). Runspaces that connect each keep their own, so `ForEach-Object -Parallel` connects side by
    /// side; a replaced connection is retired, and closes only once no command anywhere still uses it.</summary>
    internal static class ConnectionRegistry
    {
        private static readonly ConditionalWeakTable<object, Slot> Slots = new ConditionalWeakTable<object, Slot>();

        // Code that runs outside any runspace (a unit test, a host thread) shares one slot.
        private static readonly object NoRunspace = new object();
        private static readonly object LastLock = new object();
        private static ModeScimConnection? _lastInProcess;

        public static ModeScimConnection? Current
        {
            get
            {
                var slot = SlotOfThisRunspace();
                lock (slot)
                {
                    if (slot.Connection != null)
                    {
                        return slot.Connection;
                    }
                }
                lock (LastLock)
                {
                    return _lastInProcess;
                }
            }
        }

        /// <summary>Makes <paramref name="connection"/> current in this runspace. The previous one is closed unless
        /// the caller holds it (it was returned with -PassThru); then it stays usable through -Connection.</summary>
        public static void Replace(ModeScimConnection connection)
        {
            var slot = SlotOfThisRunspace();
            ModeScimConnection? previous;
            lock (slot)
            {
                previous = slot.Connection;
                slot.Connection = connection;
            }
            lock (LastLock)
            {
                _lastInProcess = connection;
            }
            // Only this runspace's own previous connection is retired: the process-wide last one may be
            // another runspace's current connection, which stays that runspace's to replace.
            if (previous != null && !previous.HeldByCaller && !ReferenceEquals(previous, connection))
            {
                previous.Retire();
            }
        }

        /// <summary>Closes the connection; forgets it when it is this runspace's current one.</summary>
        public static void Close(ModeScimConnection connection)
        {
            var slot = SlotOfThisRunspace();
            lock (slot)
            {
                if (ReferenceEquals(slot.Connection, connection))
                {
                    slot.Connection = null;
                }
            }
            Forget(connection);
            connection.Retire();
        }

        /// <summary>Closes this runspace's current connection (the module is being removed from it).</summary>
        public static void Clear()
        {
            var slot = SlotOfThisRunspace();
            ModeScimConnection? previous;
            lock (slot)
            {
                previous = slot.Connection;
                slot.Connection = null;
            }
            if (previous != null)
            {
                Forget(previous);
                previous.Retire();
            }
        }

        private static void Forget(ModeScimConnection connection)
        {
            lock (LastLock)
            {
                if (ReferenceEquals(_lastInProcess, connection))
                {
                    _lastInProcess = null;
                }
            }
        }

        private static Slot SlotOfThisRunspace()
        {
            return Slots.GetValue((object?)Runspace.DefaultRunspace ?? NoRunspace, _ => new Slot());
        }

        private sealed class Slot
        {
            public ModeScimConnection? Connection { get; set; }
        }
    }
}
