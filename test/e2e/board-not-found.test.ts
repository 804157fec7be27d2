import { describe, expect, it } from 'vitest'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()

describe.skipIf(skip)('a link to a board that does not exist', () => {
  const env = useE2eEnvironment('cg-e2e-notfound-')

  it('says so plainly, in the chosen language and direction', async () => {
    const { page, errors } = await openWatchedPage(env.browser)
    const response = await page.goto(`${env.server.url}/b/${'A'.repeat(22)}#token=${'t'.repeat(43)}`)
    expect(response?.status()).toBe(404)
    await page.getByRole('heading', { name: 'Board not found' }).waitFor()
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('ltr')

    await page.getByLabel('Language').selectOption('ar')
    await page.getByRole('heading', { name: 'السبورة غير موجودة' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('ar')
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl')
    await page.getByRole('link', { name: 'الانتقال إلى الصفحة الرئيسية' }).click()
    await page.getByRole('heading', { name: 'سبورة جديدة' }).waitFor()
    // The 404 of the page itself is the only error the browser reports.
    expect(errors.filter((e) => !/404/.test(e))).toEqual([])
  })
})
