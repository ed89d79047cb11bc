using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using ModeScim.PowerShell.Errors;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>Error ids are API: every id the module declares is documented in docs/errors.md, and the table
    /// documents no id the module does not have.</summary>
    public class ErrorIdDocumentationTests
    {
        [Fact]
        public void The_error_table_and_the_declared_ids_are_the_same_set()
        {
            var declared = typeof(ModeScimErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral)
                .Select(f => (string)f.GetRawConstantValue()!)
                .OrderBy(id => id, StringComparer.Ordinal)
                .ToList();
            var table = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "errors.md"))
                .Select(line => Regex.Match(line, @"^\| `(ModeScim\.[A-Za-z]+)` \|"))
                .Where(m => m.Success)
                .Select(m => m.Groups[1].Value)
                .OrderBy(id => id, StringComparer.Ordinal)
                .ToList();

            Assert.True(declared.Count > 30, "the ids were read by reflection");
            Assert.Equal(declared, table);
        }

        private static string RepositoryRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "ModeScim.psd1")))
            {
                directory = directory.Parent;
            }
            return directory?.FullName ?? throw new InvalidOperationException("No ModeScim.psd1 above " + AppContext.BaseDirectory);
        }
    }
}
