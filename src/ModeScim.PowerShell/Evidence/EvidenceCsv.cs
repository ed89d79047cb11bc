using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Evidence
{
    /// <summary>One CSV file of the evidence (RFC 4180: every cell quoted, CRLF, UTF-8 with a BOM so that Excel reads
    /// names right). Text that came from a server, an HR file or a journal goes through <see cref="Text"/>: a spreadsheet
    /// must never run it as a formula, and a pipeline that prints the file must never run it as a logging command.</summary>
    internal sealed class EvidenceCsv : IDisposable
    {
        private static readonly char[] FormulaStarts = { '=', '+', '-', '@', '\t', '\r' };

        private readonly StreamWriter _writer;
        private readonly int _columns;

        public EvidenceCsv(string path, params string[] header)
        {
            _writer = new StreamWriter(path, false, new UTF8Encoding(true)) { NewLine = "\r\n" };
            _columns = header.Length;
            WriteRow(header);
        }

        public int Rows { get; private set; }

        /// <summary>Text from outside the module. A cell that a spreadsheet would read as a formula (=, +, -, @, a tab or a
        /// carriage return first) is kept as text by a leading apostrophe, as OWASP advises; "##vso[" and "##[" are broken
        /// up as the module's own output breaks them up (<see cref="AzurePipelinesLog.BreakUp"/>), in or out of a pipeline,
        /// since the file may be printed in one later.</summary>
        public static string Text(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return string.Empty;
            }
            var safe = AzurePipelinesLog.BreakUp(value!);
            return FormulaStarts.Contains(safe[0]) ? "'" + safe : safe;
        }

        /// <summary>A moment the module computed or read, as ISO 8601 UTC.</summary>
        public static string Time(DateTime? utc) => utc.HasValue ? UtcTimestamp.Text(UtcTimestamp.AsUtc(utc.Value)) : string.Empty;

        public static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty;

        public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

        public static string Flag(bool? value) => value.HasValue ? (value.Value ? "True" : "False") : string.Empty;

        /// <summary>Cells already made safe (through the helpers above).</summary>
        public void Add(params string[] cells)
        {
            if (cells.Length != _columns)
            {
                throw new ArgumentException("A row of " + cells.Length + " cells for " + _columns + " columns.", nameof(cells));
            }
            WriteRow(cells);
            Rows++;
        }

        public void Dispose() => _writer.Dispose();

        private void WriteRow(IEnumerable<string> cells) =>
            _writer.WriteLine(string.Join(",", cells.Select(c => "\"" + c.Replace("\"", "\"\"") + "\"")));
    }
}
