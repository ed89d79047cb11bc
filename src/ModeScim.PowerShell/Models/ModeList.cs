using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace ModeScim.PowerShell.Models
{
    /// <summary>A list in the module's output. In the pipeline it is a list like any other (count, index, member
    /// enumeration, -contains); as text, which is what Export-Csv and a table cell take, it is its items
    /// separated by "; " ("Finance; Sales") instead of a type name such as "System.String[]".</summary>
    public sealed class ModeList<T> : ReadOnlyCollection<T>
    {
        // Backed by an array of exactly the items: a list is read-only once made, and a caller may keep every user of
        // a listing, each with two lists (emails, groups) that a growable list would over-allocate.
        public ModeList()
            : base(Array.Empty<T>())
        {
        }

        public ModeList(IEnumerable<T> items)
            : base(items.ToArray())
        {
        }

        private ModeList(T[] items)
            : base(items)
        {
        }

        /// <summary>A list over <paramref name="items"/> itself, not a copy: the caller made the array for it and keeps no
        /// other reference.</summary>
        internal static ModeList<T> Owning(T[] items) => new ModeList<T>(items);

        /// <summary>An empty list; any number of objects may hold it, as none can change it.</summary>
        internal static ModeList<T> Empty { get; } = new ModeList<T>();

        public override string ToString() => string.Join("; ", this.Select(item => item?.ToString()));
    }

    internal static class ModeListExtensions
    {
        public static ModeList<T> ToModeList<T>(this IEnumerable<T> items) => new ModeList<T>(items);
    }
}
