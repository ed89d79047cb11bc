BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    Connect-TestEmulator -Emulator $script:Emulator
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Get-ModeScimJournal' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
        $script:journal = New-TestJournalPath
        foreach ($name in 'ada@example.com', 'bob@example.com', 'carol@example.com') {
            $null = New-EmulatorUser -Emulator $script:Emulator -UserName $name
        }
        'ada@example.com', 'bob@example.com', 'carol@example.com' | Disable-ModeUser -JournalPath $script:journal -Reason 'nightly'
        Enable-ModeUser 'bob@example.com' -JournalPath $script:journal
    }

    AfterEach {
        Remove-Item $script:journal -ErrorAction SilentlyContinue
    }

    It 'returns every record as an object, oldest first' {
        $records = @(Get-ModeScimJournal -Path $script:journal)

        $records.Count | Should -Be 4
        $records[0] | Should -BeOfType 'ModeScim.PowerShell.Models.ModeScimJournalRecord'
        $records.Action | Should -Be @('Disable', 'Disable', 'Disable', 'Enable')
        $records[0].Line | Should -Be 1
    }

    It 'filters by userName with wildcards, by action and by time' {
        @(Get-ModeScimJournal -Path $script:journal -UserName 'B*').Count | Should -Be 2
        @(Get-ModeScimJournal -Path $script:journal -Action Enable).UserName | Should -Be 'bob@example.com'
        @(Get-ModeScimJournal -Path $script:journal -After (Get-Date).AddMinutes(5)).Count | Should -Be 0
        @(Get-ModeScimJournal -Path $script:journal -Before (Get-Date).AddMinutes(5)).Count | Should -Be 4
    }

    It 'filters by user id' {
        $id = (Get-ModeUser 'carol@example.com').Id
        (Get-ModeScimJournal -Path $script:journal -UserId $id).UserName | Should -Be 'carol@example.com'
    }

    It 'skips a half-written last line with a warning, and keeps every whole record' {
        Add-Content -LiteralPath $script:journal -Value '{"time":"2026-01-01T00:00:00Z","action":"Disa' -NoNewline

        $output = @(Get-ModeScimJournal -Path $script:journal 3>&1)

        @($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -Be 1
        @($output | Where-Object { $_ -is [ModeScim.PowerShell.Models.ModeScimJournalRecord] }).Count | Should -Be 4
    }

    It 'starts the next record on its own line after a crash left half a line' {
        Add-Content -LiteralPath $script:journal -Value '{"time":"2026-01-01T00:00:00Z","act' -NoNewline

        Disable-ModeUser 'bob@example.com' -JournalPath $script:journal -WarningAction SilentlyContinue

        @(Get-ModeScimJournal -Path $script:journal -WarningAction SilentlyContinue).Count | Should -Be 5
        (Get-Content -LiteralPath $script:journal)[-1] | ConvertFrom-Json | ForEach-Object { $_.userName } | Should -Be 'bob@example.com'
    }

    It 'reports a missing journal as ModeScim.JournalNotFound' {
        $errors = Get-ErrorRecords { Get-ModeScimJournal -Path (New-TestJournalPath) }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.JournalNotFound,ModeScim.PowerShell.Commands.GetModeScimJournalCommand'
    }

    It 'formats records as a table that fits 120 columns' {
        $lines = (Get-ModeScimJournal -Path $script:journal | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -BeLike 'Time (UTC)*Action*UserName*Groups*Reason*'
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
    }
}
