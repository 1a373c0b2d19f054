// The console's one client script: progressive enhancements only (every page works without it).
// Copy buttons, regex checks as you type, the spend chart (uPlot) and live budget bars.
;(() => {
  const announce = (text) => {
    const region = document.getElementById('live-status')
    if (region) region.textContent = text
  }

  // Copy buttons: rendered hidden, shown once the script can copy.
  for (const button of document.querySelectorAll('button[data-copy-target]')) {
    button.hidden = false
    button.addEventListener('click', async () => {
      const target = document.getElementById(button.dataset.copyTarget)
      if (!target) return
      try {
        await navigator.clipboard.writeText(target.textContent.trim())
        button.textContent = 'Copied'
        announce('Copied to the clipboard.')
      } catch {
        announce('Copy failed: select the text and copy it by hand.')
      }
    })
  }

  // Regex fields: one pattern per line, each must compile (the admin API checks the same).
  for (const area of document.querySelectorAll('textarea[data-regex-lines]')) {
    const message = document.getElementById(`${area.id}-error`)
    const check = () => {
      let problem = ''
      for (const [index, line] of area.value.split(/\r?\n/).entries()) {
        if (line.trim() === '') continue
        try {
          new RegExp(line.trim())
        } catch (error) {
          problem = `Line ${index + 1} is not a valid regex: ${error.message}`
          break
        }
      }
      area.setCustomValidity(problem)
      area.setAttribute('aria-invalid', problem === '' ? 'false' : 'true')
      if (message) message.textContent = problem
    }
    area.addEventListener('input', check)
    check()
  }

  // Confirmation before a destructive form is sent (the server asks again where it matters).
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault()
    })
  }

  // Spend chart: the page carries its series as JSON; the table beside it stays for screen readers.
  const chartHost = document.getElementById('spend-chart')
  const chartData = document.getElementById('spend-data')
  if (chartHost && chartData && window.uPlot) {
    const spend = JSON.parse(chartData.textContent)
    const money = spend.metric === 'cost'
    const tick = (value) => {
      const short = Number(value.toPrecision(3))
      return money ? `$${short}` : String(short)
    }
    const palette = ['#0b5cad', '#b42318', '#1a7f37', '#8250df', '#bf8700', '#0550ae', '#cf222e', '#116329']
    const series = [{ label: 'day' }].concat(
      spend.series.map((entry, index) => ({
        label: entry.label,
        stroke: palette[index % palette.length],
        width: 2,
        points: { show: true },
        value: (_, value) => (value == null ? '—' : money ? `$${value.toFixed(6)}` : String(value)),
      })),
    )
    const width = Math.max(320, chartHost.clientWidth || 800)
    new window.uPlot(
      { width, height: 300, series, axes: [{}, { size: 90, values: (_, ticks) => ticks.map(tick) }] },
      [spend.days].concat(spend.series.map((entry) => entry.values)),
      chartHost,
    )
    chartHost.dataset.rendered = 'true'
  }

  // Live budget bars: the page is fetched again every few seconds and its bars swapped in.
  const live = document.querySelector('[data-live-refresh]')
  if (live) {
    const seconds = Number(live.dataset.liveRefresh) || 10
    setInterval(async () => {
      try {
        const response = await fetch(window.location.href, { credentials: 'same-origin' })
        if (!response.ok) return
        const page = new DOMParser().parseFromString(await response.text(), 'text/html')
        const fresh = page.querySelector('[data-live-refresh]')
        if (fresh) live.innerHTML = fresh.innerHTML
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    }, seconds * 1000)
  }
})()
