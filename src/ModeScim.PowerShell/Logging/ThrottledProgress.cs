using System;
using System.Diagnostics;
using System.Management.Automation;

namespace ModeScim.PowerShell.Logging
{
    /// <summary>One progress bar for a long operation: the first report shows at once, later ones at most every
    /// quarter second (a bar redrawn per item slows the work it reports), and Complete clears it, so a finished
    /// command leaves no bar behind. Reports come from the pipeline thread only.</summary>
    internal sealed class ThrottledProgress
    {
        public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

        private readonly Action<ProgressRecord> _write;
        private readonly int _activityId;
        private readonly string _activity;
        private readonly Stopwatch _sinceLast = new Stopwatch();
        private string _status = "Starting";
        private int _percent = -1;
        private bool _shown;

        public ThrottledProgress(Action<ProgressRecord> write, int activityId, string activity)
        {
            _write = write;
            _activityId = activityId;
            _activity = activity;
        }

        /// <param name="total">Null when unknown: the bar then shows the status without a percentage.</param>
        public void Report(long done, long? total, string status)
        {
            if (_shown && _sinceLast.Elapsed < Interval)
            {
                return;
            }
            _status = status;
            _percent = total.HasValue && total.Value > 0 ? (int)Math.Min(100, done * 100 / total.Value) : -1;
            _write(Record(ProgressRecordType.Processing));
            _shown = true;
            _sinceLast.Restart();
        }

        public void Complete()
        {
            if (!_shown)
            {
                return;
            }
            _write(Record(ProgressRecordType.Completed));
            _shown = false;
        }

        // A new record each time: hosts and the Progress stream keep the records they are given.
        private ProgressRecord Record(ProgressRecordType type)
        {
            return new ProgressRecord(_activityId, _activity, _status) { PercentComplete = _percent, RecordType = type };
        }
    }
}
