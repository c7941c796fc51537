import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../kernel/api';

/** Retry only network trouble and server errors, never 4xx answers. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, e) => count < 2 && (!isApiError(e) || e.status === 0 || e.status >= 500),
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});
