# Renders an about page (TallyfyHelp.AboutPage from Markdown.psm1) as the plain text of an
# about_<Name>.help.txt topic: upper-case section titles, text wrapped to a width, tables as columns
# that fit that width, code indented 8 spaces and never wrapped.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'Problem.psm1')
Import-Module (Join-Path $PSScriptRoot 'Markdown.psm1')

# Spaces between two table columns.
$script:ColumnGap = 2

function Format-WrappedText {
    # Wraps text to the width, every line indented; the first line may carry another prefix (a list marker).
    # A word longer than the width is not broken: it gets a line of its own.
    param([string] $Text, [int] $Indent, [int] $Width, [string] $FirstPrefix)
    $pad = ' ' * $Indent
    if (-not $PSBoundParameters.ContainsKey('FirstPrefix')) { $FirstPrefix = $pad }
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = $FirstPrefix
    $empty = $true
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
        if (-not $empty -and ($line.Length + 1 + $word.Length) -gt $Width) {
            $lines.Add($line)
            $line = $pad + $word
        }
        elseif ($empty) { $line = $line + $word }
        else { $line = $line + ' ' + $word }
        $empty = $false
    }
    if (-not $empty) { $lines.Add($line) }
    return $lines.ToArray()
}

function Get-TextTableWidth {
    # The width of each column: its widest cell, then the widest column narrowed one character at a
    # time until the table fits. No column gets narrower than its longest word, so a word never
    # overflows its column; a table that cannot fit stays too wide (the width check reports it).
    param([object[]] $Rows, [int] $Columns, [int] $Available)
    $widths = [int[]]::new($Columns)
    $floors = [int[]]::new($Columns)
    foreach ($row in $Rows) {
        for ($c = 0; $c -lt [Math]::Min($Columns, $row.Count); $c++) {
            $widths[$c] = [Math]::Max($widths[$c], $row[$c].Length)
            foreach ($word in ($row[$c] -split '\s+')) { $floors[$c] = [Math]::Max($floors[$c], $word.Length) }
        }
    }
    while ((($widths | Measure-Object -Sum).Sum) -gt $Available) {
        $widest = -1
        for ($c = 0; $c -lt $Columns; $c++) {
            if ($widths[$c] -gt $floors[$c] -and ($widest -lt 0 -or $widths[$c] -gt $widths[$widest])) { $widest = $c }
        }
        if ($widest -lt 0) { break }
        $widths[$widest]--
    }
    return $widths
}

function Format-TextTable {
    # A markdown table as fixed-width columns within the width; cells that do not fit wrap onto more
    # lines. A rule of dashes follows the header row.
    param([string] $Text, [int] $Indent, [int] $Width)
    $rows = @(Split-MarkdownTable $Text)
    if ($rows.Count -eq 0) { return @() }
    $columns = $rows[0].Count
    $widths = @(Get-TextTableWidth -Rows $rows -Columns $columns -Available ($Width - $Indent - ($script:ColumnGap * ($columns - 1))))
    $out = [System.Collections.Generic.List[string]]::new()
    $isHeader = $true
    foreach ($row in $rows) {
        $cells = @(for ($c = 0; $c -lt $columns; $c++) {
                $cell = if ($c -lt $row.Count) { $row[$c] } else { '' }
                , @(Format-WrappedText -Text $cell -Indent 0 -Width $widths[$c])  # the comma keeps each cell's lines one array
            })
        $height = [Math]::Max(1, ($cells | ForEach-Object { $_.Count } | Measure-Object -Maximum).Maximum)
        for ($l = 0; $l -lt $height; $l++) {
            $line = ' ' * $Indent
            for ($c = 0; $c -lt $columns; $c++) {
                $part = if ($l -lt $cells[$c].Count) { $cells[$c][$l] } else { '' }
                $line += $part.PadRight($widths[$c] + $script:ColumnGap)
            }
            $out.Add($line.TrimEnd())
        }
        if ($isHeader) {
            $isHeader = $false
            $rule = ' ' * $Indent
            for ($c = 0; $c -lt $columns; $c++) { $rule += ('-' * $widths[$c]).PadRight($widths[$c] + $script:ColumnGap) }
            $out.Add($rule.TrimEnd())
        }
    }
    return $out.ToArray()
}

function Format-AboutBlock {
    # The text lines of one block of an about section.
    param($Block, [int] $Width)
    switch ($Block.Kind) {
        'heading' {
            # '###' headings are sub-titles (upper case, indent 2); deeper ones are indented 4.
            $text = ConvertFrom-MarkdownInline $Block.Text
            if ($Block.Level -le 3) { '  ' + $text.ToUpperInvariant() } else { '    ' + $text }
        }
        'para' { Format-WrappedText -Text (ConvertFrom-MarkdownInline $Block.Text) -Indent 4 -Width $Width }
        'list' {
            foreach ($i in (Split-MarkdownList $Block.Text)) {
                $prefix = (' ' * (4 + $i.Indent)) + $i.Marker + ' '
                Format-WrappedText -Text $i.Text -Indent $prefix.Length -Width $Width -FirstPrefix $prefix
            }
        }
        'code' { foreach ($l in ($Block.Text -split "`n")) { ('        ' + $l).TrimEnd() } }
        'table' { Format-TextTable -Text $Block.Text -Indent 4 -Width $Width }
    }
}

function Get-LongestWord {
    # The longest word of rendered lines, leaving out a table's rule of dashes.
    param([string[]] $Lines)
    $words = @($Lines | ForEach-Object { $_ -split '\s+' } | Where-Object { $_ -and $_ -notmatch '^-+$' })
    return ($words | Sort-Object Length -Descending | Select-Object -First 1)
}

function ConvertTo-AboutTopic {
    <#
    .SYNOPSIS
        Renders an about page as the text of its about_<Name>.help.txt file.
    .DESCRIPTION
        Returns a TallyfyHelp.AboutTopic: Name, File (the page's), Text (lines joined by the platform's new line, with a
        final new line) and Problems: one TallyfyHelp.Problem per block, other than code, that is
        wider than Width (a word too long to wrap, or a table whose longest words cannot fit).
    .EXAMPLE
        (ConvertTo-AboutTopic -Page (Read-AboutPage docs/en-US/about_TallyfyPS.md) -Width 80).Text
    #>
    [CmdletBinding()]
    [OutputType('TallyfyHelp.AboutTopic')]
    param([Parameter(Mandatory = $true)] [PSTypeName('TallyfyHelp.AboutPage')] $Page, [int] $Width = 80)
    $out = [System.Collections.Generic.List[string]]::new()
    $problems = [System.Collections.Generic.List[object]]::new()
    $out.Add('TOPIC')
    $out.Add('    ' + $Page.Name)
    $first = $true
    foreach ($s in $Page.Sections) {
        $out.Add('')
        $out.Add($s.Title.ToUpperInvariant())
        # Get-Help lists an about topic with the fifth line of its file as the synopsis: the short description, which
        # therefore follows its title with no blank line and must fit on that one line.
        $previous = if ($first) { 'heading' } else { $null }
        if ($first) {
            $short = @(Format-AboutBlock -Block $s.Blocks[0] -Width $Width)
            if ($s.Blocks.Count -ne 1 -or $s.Blocks[0].Kind -ne 'para' -or $short.Count -ne 1) {
                $problems.Add((New-HelpProblem -File $Page.File -Message "'## $($s.Title)' must be one paragraph that fits one line of $Width characters (Get-Help lists it as the topic's synopsis); it is $($short.Count) line(s)."))
            }
        }
        $first = $false
        $where = "'## $($s.Title)'"
        foreach ($b in $s.Blocks) {
            # A blank line between blocks, none between a heading and what it heads.
            if ($previous -ne 'heading') { $out.Add('') }
            if ($b.Kind -eq 'heading') { $where = "'## $($s.Title)' > '$('#' * $b.Level) $($b.Text)'" }
            $lines = @(Format-AboutBlock -Block $b -Width $Width)
            $widest = $lines | Sort-Object Length -Descending | Select-Object -First 1
            # Code is never wrapped; anything else wider than the width is a word or a table that cannot fit.
            if ($b.Kind -ne 'code' -and $widest -and $widest.Length -gt $Width) {
                $word = Get-LongestWord -Lines $lines
                $what = if ($b.Kind -eq 'para') { 'paragraph' } else { $b.Kind }
                $problems.Add((New-HelpProblem -File $Page.File -Message "${where}: a $what is $($widest.Length) characters wide, more than ${Width}: '$word' ($($word.Length) characters) is too long to wrap."))
            }
            foreach ($line in $lines) { $out.Add($line) }
            $previous = $b.Kind
        }
    }
    [pscustomobject]@{
        PSTypeName = 'TallyfyHelp.AboutTopic'
        Name = $Page.Name
        File = $Page.File
        Text = ($out -join [Environment]::NewLine) + [Environment]::NewLine
        Problems = $problems.ToArray()
    }
}

Export-ModuleMember -Function ConvertTo-AboutTopic
