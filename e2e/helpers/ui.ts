// Steps through the real pages, with selectors that do not depend on the UI language.
import type { Locator, Page } from 'playwright-core';

export const DEMO_PASSWORD = 'Yunxue@2026';

export type Registration = { name: string; idNumber: string; phone: string; password: string };

export async function fillRegistration(page: Page, person: Registration): Promise<void> {
  await page.goto('/register');
  await page.locator('#register_name').fill(person.name);
  await page.locator('#register_idNumber').fill(person.idNumber);
  await page.locator('#register_phone').fill(person.phone);
  await page.locator('#register_password').fill(person.password);
  await page.locator('#register_confirmPassword').fill(person.password);
  await page.locator('form#register button[type=submit]').click();
}

/** The error text shown under one form field. */
export function fieldError(page: Page, inputId: string): Locator {
  return page.locator('.ant-form-item', { has: page.locator(`#${inputId}`) }).locator('.ant-form-item-explain-error');
}

export async function signIn(page: Page, login: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('#login_login').fill(login);
  await page.locator('#login_password').fill(password);
  await page.locator('form#login button[type=submit]').click();
  // A learner without an enrolled face is led to the face enrolment page instead of home: signed in either way.
  await page.locator('[data-testid=home-greeting], [data-testid=face-enrol-page]').first().waitFor({ timeout: 20_000 });
}
